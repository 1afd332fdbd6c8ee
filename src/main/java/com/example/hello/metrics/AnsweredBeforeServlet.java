package com.example.hello.metrics;

import io.undertow.server.HttpHandler;

import com.example.hello.server.RootHandlerCustomizer;

/**
 * Times the requests answered before the servlet pipeline into {@link RequestTimers},
 * with {@code uri="UNKNOWN"}: what {@code http} refuses (a TRACE, an unknown version, a
 * smuggling attempt, a limit) and the 503s of Undertow's graceful shutdown while
 * draining. Such an answer is complete when the root handler returns and was never
 * dispatched to a request thread; a request for the servlet pipeline always is, and is
 * timed there. Only the 400s of Undertow's parser stay uncounted: no handler ever sees
 * them.
 */
class AnsweredBeforeServlet implements RootHandlerCustomizer {

	private final RequestTimers timers;

	AnsweredBeforeServlet(RequestTimers timers) {
		this.timers = timers;
	}

	@Override
	public HttpHandler customize(HttpHandler root) {
		return (exchange) -> {
			long start = System.nanoTime();
			root.handleRequest(exchange);
			if (exchange.isResponseComplete() && !exchange.isDispatched()) {
				this.timers.record(exchange.getRequestMethod().toString(), "UNKNOWN", exchange.getStatusCode(), "none",
						System.nanoTime() - start);
			}
		};
	}

}
