package com.example.hello.server;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.undertow.server.AbstractServerConnection;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.conduits.ConduitStreamSourceChannel;

/**
 * Hands the connections of an inherited socket over to the next process without losing a
 * request. Once {@link #drain} starts, every request is still answered, but with
 * {@code Connection: close}, and every connection is closed as soon as it is idle, so
 * that its client (nginx) opens a new one, which waits in the socket's backlog for the
 * next process. A 503, as Undertow's graceful shutdown answers, would make nginx fail the
 * request: there is no other instance to retry.
 */
final class Handover {

	private static final Duration POLL = Duration.ofMillis(25);

	/**
	 * How long a connection must have been idle (no request since it opened, or since its
	 * last response) before it is closed. nginx reuses its most recently used upstream
	 * connection first, so under load the connections it uses go from one request to the
	 * next in far less than this, and each is closed by the {@code Connection: close} of
	 * its next answer; only a connection nginx has left aside is closed idle, and nginx
	 * is unlikely to pick exactly that one in the instant it closes. Measured in time,
	 * not in polls: under CPU pressure the polls come late, and two of them 25 ms apart
	 * once caught connections nginx was about to reuse.
	 */
	static final Duration IDLE_BEFORE_CLOSE = Duration.ofSeconds(1);

	private final Map<StreamConnection, Tracked> connections = new ConcurrentHashMap<>();

	private volatile boolean draining;

	/** Tracks every connection {@code openListener} is given, from its accept on. */
	ChannelListener<StreamConnection> track(ChannelListener<? super StreamConnection> openListener) {
		return (connection) -> {
			this.connections.put(connection, new Tracked(connection));
			connection.getCloseSetter().set((closed) -> this.connections.remove(closed));
			openListener.handleEvent(connection);
		};
	}

	/**
	 * Notes each request that reaches {@code next}, and closes its connection after it
	 * while draining.
	 */
	HttpHandler observe(HttpHandler next) {
		return (exchange) -> {
			if (exchange.getConnection() instanceof AbstractServerConnection connection) {
				Tracked tracked = this.connections.get(connection.getChannel());
				if (tracked != null) {
					tracked.current = exchange;
				}
			}
			if (this.draining) {
				exchange.setPersistent(false);
			}
			next.handleRequest(exchange);
		};
	}

	/** How many connections are open. */
	int openConnections() {
		return this.connections.size();
	}

	/**
	 * Answers what is in flight with {@code Connection: close}, closes idle connections,
	 * and waits until all are closed.
	 * @param timeout how long to wait at most
	 * @return whether every connection closed in time
	 */
	boolean drain(Duration timeout) throws InterruptedException {
		this.draining = true;
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!this.connections.isEmpty()) {
			if (System.nanoTime() - deadline > 0) {
				return false;
			}
			this.connections.values().forEach(Tracked::closeWhenIdle);
			Thread.sleep(POLL.toMillis());
		}
		return true;
	}

	/** One connection, and the last request it received. */
	private static final class Tracked {

		private final StreamConnection connection;

		private volatile HttpServerExchange current;

		/** The finished request (or none) the connection was last seen idle after. */
		private HttpServerExchange idleAfter;

		/** When it was first seen idle after {@link #idleAfter}; 0 if not yet. */
		private long idleSince;

		Tracked(StreamConnection connection) {
			this.connection = connection;
		}

		/**
		 * On the connection's I/O thread, which also reads its requests: a request not
		 * yet answered is answered with {@code Connection: close}; a connection idle for
		 * {@link #IDLE_BEFORE_CLOSE} (a new one that has sent nothing included) is
		 * closed, but only once Undertow has read it and found no request waiting.
		 * <p>
		 * Closing a Unix socket with bytes unread in it makes the kernel reset the
		 * connection ({@code ECONNRESET} at nginx, "recv() failed (104: Connection reset
		 * by peer)"): a request that the kernel delivered, lost. So the close is preceded
		 * by a read, on this thread, through Undertow's own read listener: a request that
		 * has arrived is parsed and served (with {@code Connection: close}) instead, and
		 * the connection is left open for it.
		 */
		void closeWhenIdle() {
			this.connection.getIoThread().execute(() -> {
				HttpServerExchange exchange = this.current;
				if (exchange != null && !exchange.isComplete()) {
					if (!exchange.isResponseStarted()) {
						exchange.setPersistent(false);
					}
					this.idleSince = 0;
					return;
				}
				long now = System.nanoTime();
				if (this.idleSince == 0 || this.idleAfter != exchange) {
					this.idleAfter = exchange;
					this.idleSince = now;
					return;
				}
				if (now - this.idleSince < IDLE_BEFORE_CLOSE.toNanos()) {
					return;
				}
				readWhatArrived();
				if (this.current == exchange && this.connection.isOpen()) {
					IoUtils.safeClose(this.connection);
				}
			});
		}

		/**
		 * Runs the connection's read listener (Undertow's), which reads what the kernel
		 * has delivered: a request is parsed and handed on, which makes it
		 * {@link #current}; the end of the stream closes the connection; nothing leaves
		 * it as it was.
		 */
		private void readWhatArrived() {
			ConduitStreamSourceChannel source = this.connection.getSourceChannel();
			ChannelListener<? super ConduitStreamSourceChannel> reader = source.getReadListener();
			if (reader != null && source.isOpen()) {
				ChannelListeners.invokeChannelListener(source, reader);
			}
		}

	}

}
