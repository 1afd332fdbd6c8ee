package com.example.hello.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.xnio.ChannelListener;
import org.xnio.StreamConnection;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.ConduitReadableByteChannel;
import org.xnio.conduits.ConduitStreamSourceChannel;
import org.xnio.conduits.Conduits;
import org.xnio.conduits.StreamSourceConduit;

import com.example.hello.server.OpenListenerCustomizer;

/**
 * Puts a {@link RequestHeadScanner} under Undertow's parser on every connection, on every
 * listener, and tells {@link RequestHygieneHandler} what it found in each request's head.
 * The scanner moves on to the next head when a request completes, starting with the bytes
 * Undertow already read past it, so that pipelined requests are scanned too.
 */
final class RequestHeads implements OpenListenerCustomizer {

	private static final Log logger = LogFactory.getLog(RequestHeads.class);

	private final Map<StreamConnection, RequestHeadScanner> scanners = new ConcurrentHashMap<>();

	@Override
	public ChannelListener<StreamConnection> customize(ChannelListener<StreamConnection> openListener) {
		return (connection) -> {
			RequestHeadScanner scanner = new RequestHeadScanner();
			ConduitStreamSourceChannel source = connection.getSourceChannel();
			source.setConduit(new ScanningConduit(source.getConduit(), scanner));
			this.scanners.put(connection, scanner);
			// XNIO adds a close listener to those set before it, Undertow's included
			connection.setCloseListener(this.scanners::remove);
			openListener.handleEvent(connection);
		};
	}

	/**
	 * The status the exchange's head must be refused with, or 0. Call once per exchange:
	 * when it completes, its connection's scanner moves on to the next head.
	 */
	int refusal(HttpServerExchange exchange) {
		if (!(exchange.getConnection() instanceof HttpServerConnection connection)) {
			return 0;
		}
		RequestHeadScanner scanner = this.scanners.get(connection.getChannel());
		if (scanner == null) {
			return 0;
		}
		exchange.addExchangeCompleteListener((completed, next) -> {
			PooledByteBuffer extra = connection.getExtraBytes();
			scanner.nextRequest((extra != null) ? extra.getBuffer().duplicate() : null);
			next.proceed();
		});
		// A head the scanner did not see end is served as the parser read it: refusing it
		// once turned a valid request into a 400 in a rolling-restart test
		// (docs/restarts.md). What the scanner looks for, the parser still serves
		// as the RFCs allow (HTTP/1.1, a folded line joined), so it fails open, and says
		// so in the log, where the restart tests look for it.
		if (!scanner.complete()) {
			logger.warn("Request head not seen to its end by the head scanner (" + scanner.describe() + "): "
					+ exchange.getRequestMethod() + " " + exchange.getRequestURI() + " served as the parser read it");
			return 0;
		}
		return scanner.refusal();
	}

	/**
	 * Has the exchange's connection scanner follow its chunked body's framing, from the
	 * bytes already read past its head on. Call once the head passed the checks.
	 * @return the scanner, to ask whether the framing was bad, or {@code null} if there
	 * is none or it did not see the head end
	 */
	RequestHeadScanner chunkedBody(HttpServerExchange exchange) {
		if (!(exchange.getConnection() instanceof HttpServerConnection connection)) {
			return null;
		}
		RequestHeadScanner scanner = this.scanners.get(connection.getChannel());
		if (scanner == null || !scanner.complete()) {
			return null;
		}
		PooledByteBuffer extra = connection.getExtraBytes();
		scanner.chunkedBody((extra != null) ? extra.getBuffer().duplicate() : null);
		return scanner;
	}

	/** How many connections have a scanner. */
	int connections() {
		return this.scanners.size();
	}

	/**
	 * Shows the scanner every byte read while a head is being read, before the parser.
	 */
	private static final class ScanningConduit extends AbstractStreamSourceConduit<StreamSourceConduit> {

		private final RequestHeadScanner scanner;

		ScanningConduit(StreamSourceConduit next, RequestHeadScanner scanner) {
			super(next);
			this.scanner = scanner;
		}

		@Override
		public int read(ByteBuffer dst) throws IOException {
			refuseBadChunk();
			int from = dst.position();
			int read = super.read(dst);
			if (read > 0 && !this.scanner.complete()) {
				this.scanner.scan(dst, from, dst.position());
				refuseBadChunk();
			}
			return read;
		}

		/**
		 * After a chunk framed against RFC 9112, no byte more reaches Undertow's chunk
		 * parser: the reader gets an error, and the connection is closed.
		 */
		private void refuseBadChunk() throws IOException {
			if (this.scanner.badChunk()) {
				throw new IOException("Chunked body framed against RFC 9112 7.1");
			}
		}

		@Override
		public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
			refuseBadChunk();
			if (this.scanner.complete()) {
				return super.read(dsts, offset, length);
			}
			int[] from = new int[length];
			for (int i = 0; i < length; i++) {
				from[i] = dsts[offset + i].position();
			}
			long read = super.read(dsts, offset, length);
			for (int i = 0; i < length && read > 0 && !this.scanner.complete(); i++) {
				this.scanner.scan(dsts[offset + i], from[i], dsts[offset + i].position());
			}
			refuseBadChunk();
			return read;
		}

		@Override
		public long transferTo(long position, long count, FileChannel target) throws IOException {
			return this.scanner.complete() ? super.transferTo(position, count, target)
					: target.transferFrom(new ConduitReadableByteChannel(this), position, count);
		}

		@Override
		public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) throws IOException {
			return this.scanner.complete() ? super.transferTo(count, throughBuffer, target)
					: Conduits.transfer(this, count, throughBuffer, target);
		}

	}

}
