package com.example.hello.server;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.undertow.server.AbstractServerConnection;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;

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

	/** How long a connection may stay open without sending its first request. */
	private static final int SILENT_POLLS = 40;

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

		/** The finished request the connection was last seen idle after. */
		private HttpServerExchange idleAfter;

		private int silentPolls;

		Tracked(StreamConnection connection) {
			this.connection = connection;
		}

		/**
		 * On the connection's I/O thread, which also reads its requests: a request not
		 * yet answered is answered with {@code Connection: close}; a connection seen idle
		 * twice in a row, after the same request, is closed (the second look leaves the
		 * last response time to be flushed). A new connection is given time for its first
		 * request, which nginx sends at once.
		 */
		void closeWhenIdle() {
			this.connection.getIoThread().execute(() -> {
				HttpServerExchange exchange = this.current;
				if (exchange == null) {
					if (++this.silentPolls > SILENT_POLLS) {
						IoUtils.safeClose(this.connection);
					}
				}
				else if (!exchange.isComplete()) {
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
