package com.example.hello.server;

import java.util.concurrent.TimeUnit;

import org.xnio.ChannelListener;
import org.xnio.StreamConnection;
import org.xnio.XnioIoThread;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.ConduitStreamSourceChannel;
import org.xnio.conduits.ReadReadyHandler;
import org.xnio.conduits.StreamSourceConduit;

/**
 * Keeps the I/O thread from spinning while a request thread resumes reads on the same
 * connection.
 * <p>
 * When a response is done, the request thread marks the connection busy in Undertow's
 * read listener, resumes reads, then marks it idle. Resuming reads from a request thread
 * wakes the I/O thread. If the next request is already there, Undertow's read listener
 * spins until the connection is marked idle; profiles of {@code /about} under load on 2
 * cores showed that spin as a large share of the I/O thread's time, with many context
 * switches, most likely because the woken I/O thread takes the request thread's core
 * before it has marked the connection idle. Here the I/O thread yields its core instead
 * while a resume is in progress, so the request thread can finish it first
 * (docs/design.md#where-hello-works-around-its-libraries).
 */
final class ResumeSpinGuard implements OpenListenerCustomizer {

	/**
	 * Bounds the yielding: beyond it, the read goes on to Undertow as it would have. A
	 * resume takes microseconds; a descheduled request thread is back within a few
	 * milliseconds.
	 */
	static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	@Override
	public ChannelListener<StreamConnection> customize(ChannelListener<StreamConnection> openListener) {
		return (connection) -> {
			ConduitStreamSourceChannel source = connection.getSourceChannel();
			source.setConduit(new HandoffConduit(source.getConduit(), connection.getIoThread(), MAX_WAIT_NANOS));
			openListener.handleEvent(connection);
		};
	}

	/**
	 * Marks a resume from any thread but the I/O thread, and holds back the read events
	 * it wakes until it is over.
	 */
	static final class HandoffConduit extends AbstractStreamSourceConduit<StreamSourceConduit> {

		private final XnioIoThread ioThread;

		private final long maxWaitNanos;

		private volatile boolean resuming;

		HandoffConduit(StreamSourceConduit next, XnioIoThread ioThread, long maxWaitNanos) {
			super(next);
			this.ioThread = ioThread;
			this.maxWaitNanos = maxWaitNanos;
		}

		@Override
		public void resumeReads() {
			resume(false);
		}

		@Override
		public void wakeupReads() {
			resume(true);
		}

		private void resume(boolean wakeup) {
			boolean foreign = Thread.currentThread() != this.ioThread;
			if (foreign) {
				this.resuming = true;
			}
			try {
				if (wakeup) {
					super.wakeupReads();
				}
				else {
					super.resumeReads();
				}
			}
			finally {
				if (foreign) {
					this.resuming = false;
				}
			}
		}

		@Override
		public void setReadReadyHandler(ReadReadyHandler handler) {
			super.setReadReadyHandler(new WaitingHandler(handler, this));
		}

		/**
		 * Yields the I/O thread's core while a resume is in progress, up to the bound.
		 */
		void awaitResume() {
			if (this.resuming) {
				long start = System.nanoTime();
				while (this.resuming && System.nanoTime() - start < this.maxWaitNanos) {
					Thread.yield();
				}
			}
		}

	}

	/** Hands read events on once no resume is in progress. */
	private record WaitingHandler(ReadReadyHandler handler, HandoffConduit conduit) implements ReadReadyHandler {

		@Override
		public void readReady() {
			this.conduit.awaitResume();
			this.handler.readReady();
		}

		@Override
		public void forceTermination() {
			this.handler.forceTermination();
		}

		@Override
		public void terminated() {
			this.handler.terminated();
		}

	}

}
