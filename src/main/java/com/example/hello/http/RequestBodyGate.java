package com.example.hello.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.Connectors;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpContinue;
import io.undertow.util.AttachmentKey;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;
import org.xnio.channels.StreamSourceChannel;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.StreamSourceConduit;

/**
 * Keeps request bodies off the request threads. A request with a body is held on its I/O
 * thread, which reads the body without blocking, until the whole body has arrived or
 * {@code hello.http.limits.body-buffer} of it has (in whole I/O buffers,
 * {@code server.undertow.buffer-size}, at least one); only then does a request thread
 * take the request, and reads what was read ahead from memory. A client that sends part
 * of a body and stalls, or trickles it, holds a connection and at most that much memory,
 * never a request thread.
 * <p>
 * Every body has {@code hello.http.timeouts.request-body} to arrive in full, from the end
 * of its head. A body still on the I/O thread then is answered with {@code 408} and its
 * connection closed; one a request thread took (larger than the buffer) has its
 * connection closed, which ends the thread's wait. And a response to a request whose body
 * was not read to its end closes the connection, rather than have the request thread read
 * the rest of the body after the response, as Undertow does to keep the connection.
 */
final class RequestBodyGate implements HttpHandler {

	/** The scanner following a chunked body's framing, set by the hygiene checks. */
	static final AttachmentKey<RequestHeadScanner> CHUNKED = AttachmentKey.create(RequestHeadScanner.class);

	private final HttpHandler next;

	private final long bufferBytes;

	private final long deadlineMillis;

	RequestBodyGate(HttpHandler next, HttpProperties http) {
		this.next = next;
		this.bufferBytes = http.limits().bodyBuffer().toBytes();
		this.deadlineMillis = http.timeouts().requestBody().toMillis();
	}

	@Override
	public void handleRequest(HttpServerExchange exchange) throws Exception {
		if (exchange.isRequestComplete()) {
			this.next.handleRequest(exchange); // no body: the common case, nothing to do
			return;
		}
		BodyRead read = new BodyRead(exchange);
		read.armDeadline();
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(this.deadlineMillis);
		exchange.addRequestWrapper((factory, wrapped) -> new DeadlineConduit(factory.create(), deadline));
		exchange.addResponseCommitListener(RequestBodyGate::closeUnlessBodyRead);
		if (!exchange.isInIoThread() || this.bufferBytes == 0) {
			this.next.handleRequest(exchange);
		}
		else if (HttpContinue.requiresContinueResponse(exchange)) {
			// the client waits for the 100 before it sends the body
			HttpContinue.sendContinueResponse(exchange, new IoCallback() {

				@Override
				public void onComplete(HttpServerExchange continued, Sender sender) {
					read.afterContinue = true;
					read.start();
				}

				@Override
				public void onException(HttpServerExchange failed, Sender sender, IOException exception) {
					IoUtils.safeClose(failed.getConnection());
				}

			});
		}
		else {
			read.start();
		}
	}

	/**
	 * A response committed before its request's body was read to the end: the connection
	 * is closed after it, so that no request thread reads the rest of a body nobody wants
	 * from a client that may never send it.
	 */
	private static void closeUnlessBodyRead(HttpServerExchange exchange) {
		if (!exchange.isRequestComplete()) {
			exchange.setPersistent(false);
		}
	}

	/**
	 * Bounds a request thread's blocking wait for the body by the body's deadline.
	 * Closing the connection does not end that wait: XNIO waits in a selector of the
	 * thread's own, which only its read timeout ends.
	 */
	private static final class DeadlineConduit extends AbstractStreamSourceConduit<StreamSourceConduit> {

		private final long deadline;

		DeadlineConduit(StreamSourceConduit next, long deadline) {
			super(next);
			this.deadline = deadline;
		}

		@Override
		public void awaitReadable() throws IOException {
			super.awaitReadable(remaining(), TimeUnit.NANOSECONDS);
		}

		@Override
		public void awaitReadable(long time, TimeUnit timeUnit) throws IOException {
			super.awaitReadable(Math.min(timeUnit.toNanos(time), remaining()), TimeUnit.NANOSECONDS);
		}

		private long remaining() throws IOException {
			long remaining = this.deadline - System.nanoTime();
			if (remaining <= 0) {
				throw new IOException("Request body not complete within hello.http.timeouts.request-body");
			}
			return remaining;
		}

	}

	/**
	 * A buffer read ahead, empty once freed. When a response ends its exchange with the
	 * body unread and the connection closing, Undertow frees what is left of the buffers
	 * put back in front of the body, and then drains the body through them: reading a
	 * freed buffer of its own pool throws.
	 */
	private static final class ReadAhead implements PooledByteBuffer {

		private static final ByteBuffer FREED = ByteBuffer.allocate(0);

		private final PooledByteBuffer buffer;

		private boolean open = true;

		ReadAhead(PooledByteBuffer buffer) {
			this.buffer = buffer;
		}

		@Override
		public ByteBuffer getBuffer() {
			return this.open ? this.buffer.getBuffer() : FREED;
		}

		@Override
		public boolean isOpen() {
			return this.open;
		}

		@Override
		public void close() {
			if (this.open) {
				this.open = false;
				this.buffer.close();
			}
		}

	}

	/** One body, read ahead on the I/O thread. */
	private final class BodyRead implements ChannelListener<StreamSourceChannel>, Runnable {

		private final HttpServerExchange exchange;

		private final List<PooledByteBuffer> buffers = new ArrayList<>(4);

		private PooledByteBuffer current;

		private long buffered;

		private StreamSourceChannel channel;

		/** Whether the body is still being read here, not handed on or refused. */
		private boolean reading;

		/**
		 * Whether the reading started in a callback, outside the handler chain: the
		 * request is then handed on as a root handler, as from a read listener.
		 */
		private boolean afterContinue;

		private XnioExecutor.Key deadline;

		BodyRead(HttpServerExchange exchange) {
			this.exchange = exchange;
		}

		void armDeadline() {
			this.deadline = this.exchange.getIoThread()
				.executeAfter(this, RequestBodyGate.this.deadlineMillis, TimeUnit.MILLISECONDS);
			this.exchange.addExchangeCompleteListener((completed, nextListener) -> {
				this.deadline.remove();
				nextListener.proceed();
			});
		}

		void start() {
			this.reading = true;
			this.channel = this.exchange.getRequestChannel();
			if (this.channel == null) {
				this.reading = false;
				hand(false);
				return;
			}
			read(false);
		}

		@Override
		public void handleEvent(StreamSourceChannel channel) {
			read(true);
		}

		private void read(boolean inListener) {
			try {
				while (this.reading) {
					if (badChunk()) {
						refuse(400);
						return;
					}
					if (this.current == null) {
						if (!this.buffers.isEmpty() && this.buffered
								+ this.buffers.get(0).getBuffer().capacity() > RequestBodyGate.this.bufferBytes) {
							hand(inListener); // whole buffers only, at least one
							return;
						}
						this.current = this.exchange.getConnection().getByteBufferPool().allocate();
					}
					ByteBuffer buffer = this.current.getBuffer();
					int read = this.channel.read(buffer);
					if (read == -1) {
						if (badChunk()) {
							refuse(400);
							return;
						}
						hand(inListener);
						return;
					}
					if (read == 0) {
						if (!inListener) {
							this.channel.getReadSetter().set(this);
							this.channel.resumeReads();
						}
						return;
					}
					this.buffered += read;
					if (!buffer.hasRemaining()) {
						buffer.flip();
						this.buffers.add(this.current);
						this.current = null;
					}
					if (this.buffered >= RequestBodyGate.this.bufferBytes) {
						hand(inListener);
						return;
					}
				}
			}
			catch (IOException ex) {
				if (badChunk()) {
					refuse(400);
				}
				else {
					fail();
				}
			}
			catch (Exception | Error ex) {
				fail();
				throw ex;
			}
		}

		private boolean badChunk() {
			RequestHeadScanner scanner = this.exchange.getAttachment(CHUNKED);
			return scanner != null && scanner.badChunk();
		}

		/**
		 * Hands the request on, with what was read ahead put back in front of the rest.
		 */
		private void hand(boolean inListener) {
			boolean wasReading = this.reading;
			this.reading = false;
			if (wasReading) {
				if (this.current != null) {
					if (this.current.getBuffer().position() == 0) {
						this.current.close();
					}
					else {
						this.current.getBuffer().flip();
						this.buffers.add(this.current);
					}
					this.current = null;
				}
				if (!this.buffers.isEmpty()) {
					PooledByteBuffer[] readAhead = new PooledByteBuffer[this.buffers.size()];
					for (int i = 0; i < readAhead.length; i++) {
						readAhead[i] = new ReadAhead(this.buffers.get(i));
					}
					this.buffers.clear();
					Connectors.ungetRequestBytes(this.exchange, readAhead);
				}
				Connectors.resetRequestChannel(this.exchange);
				this.channel.getReadSetter().set(null);
				this.channel.suspendReads();
			}
			if (inListener || this.afterContinue) {
				Connectors.executeRootHandler(RequestBodyGate.this.next, this.exchange);
			}
			else {
				try {
					RequestBodyGate.this.next.handleRequest(this.exchange);
				}
				catch (RuntimeException ex) {
					throw ex;
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}
		}

		/** The deadline: on the connection's I/O thread, as every read here. */
		@Override
		public void run() {
			if (this.exchange.isRequestComplete()) {
				return;
			}
			if (this.reading) {
				refuse(408);
			}
			else {
				// a request thread has the request and may be waiting for the body
				IoUtils.safeClose(this.exchange.getConnection());
			}
		}

		private void refuse(int status) {
			release();
			this.channel.getReadSetter().set(null);
			this.channel.suspendReads();
			if (this.exchange.isResponseStarted()) {
				IoUtils.safeClose(this.exchange.getConnection());
				return;
			}
			RequestHygieneHandler.refuse(this.exchange, status);
		}

		private void fail() {
			release();
			IoUtils.safeClose(this.exchange.getConnection());
		}

		private void release() {
			this.reading = false;
			this.buffers.forEach(PooledByteBuffer::close);
			this.buffers.clear();
			if (this.current != null) {
				this.current.close();
				this.current = null;
			}
		}

	}

}
