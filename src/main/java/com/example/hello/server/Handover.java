package com.example.hello.server;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.util.AttachmentKey;
import org.xnio.IoUtils;

/**
 * Hands the connections of an inherited socket over to the next process without losing a
 * request. Once {@link #drain} starts, every request is still answered, but with
 * {@code Connection: close}, and every connection is closed as soon as it is idle, so
 * that its client (nginx) opens a new one, which waits in the socket's backlog for the
 * next process. A 503, as Undertow's graceful shutdown answers, would make nginx fail the
 * request: there is no other instance to retry.
 */
final class Handover {

	private static final AttachmentKey<Tracked> TRACKED = AttachmentKey.create(Tracked.class);

	private static final Duration POLL = Duration.ofMillis(25);

	private final Set<Tracked> connections = ConcurrentHashMap.newKeySet();

	private volatile boolean draining;

	/** Tracks the connections that reach {@code next}. */
	HttpHandler track(HttpHandler next) {
		return (exchange) -> {
			ServerConnection connection = exchange.getConnection();
			Tracked tracked = connection.getAttachment(TRACKED);
			if (tracked == null) {
				tracked = new Tracked(connection);
				connection.putAttachment(TRACKED, tracked);
				this.connections.add(tracked);
				Tracked closing = tracked;
				connection.addCloseListener((closed) -> this.connections.remove(closing));
			}
			tracked.current = exchange;
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
			this.connections.forEach(Tracked::closeWhenIdle);
			Thread.sleep(POLL.toMillis());
		}
		return true;
	}

	/** One connection, and the last request it received. */
	private static final class Tracked {

		private final ServerConnection connection;

		private volatile HttpServerExchange current;

		/** The finished request the connection was last seen idle after. */
		private HttpServerExchange idleAfter;

		Tracked(ServerConnection connection) {
			this.connection = connection;
		}

		/**
		 * On the connection's I/O thread, which also reads its requests: a request not
		 * yet answered is answered with {@code Connection: close}; a connection seen idle
		 * twice in a row, after the same request, is closed. The second look leaves the
		 * last response time to be flushed.
		 */
		void closeWhenIdle() {
			this.connection.getIoThread().execute(() -> {
				HttpServerExchange exchange = this.current;
				if (!exchange.isComplete()) {
					if (!exchange.isResponseStarted()) {
						exchange.setPersistent(false);
					}
					this.idleAfter = null;
				}
				else if (this.idleAfter == exchange) {
					IoUtils.safeClose(this.connection);
				}
				else {
					this.idleAfter = exchange;
				}
			});
		}

	}

}
