package com.example.hello.metrics;

import java.util.concurrent.atomic.AtomicInteger;

import io.undertow.server.HandlerWrapper;
import io.undertow.server.HttpHandler;

/**
 * Counts the request threads busy with a request now. Undertow's worker pool reports no
 * busy count unless JBoss Threads' statistics are switched on for the whole JVM, so the
 * count is kept here, in the servlet deployment's outer handler chain, which runs on the
 * request thread once Undertow has dispatched the request there: one increment and one
 * decrement per request.
 */
class BusyThreads implements HandlerWrapper {

	private final AtomicInteger busy = new AtomicInteger();

	int get() {
		return this.busy.get();
	}

	@Override
	public HttpHandler wrap(HttpHandler next) {
		return (exchange) -> {
			this.busy.incrementAndGet();
			try {
				next.handleRequest(exchange);
			}
			finally {
				this.busy.decrementAndGet();
			}
		};
	}

}
