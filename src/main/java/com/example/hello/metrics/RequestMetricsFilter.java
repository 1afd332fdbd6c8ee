package com.example.hello.metrics;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Times every request into {@code http.server.requests}, with the tags of Spring's own
 * instrumentation: method, route template ({@code uri}), status, outcome and exception.
 * <p>
 * Spring's observation filter does the same through the Observation API, and measured
 * (JFR, {@code /hello} under load) it spent about one CPU sample in seven in that
 * machinery: building and sorting key values for every request, a long task timer started
 * and stopped per request, and the timer looked up again by its tags each time. Here one
 * timer per tag combination is kept in a map and each request costs a lookup and a
 * record. The combinations are few: route templates, not paths, and methods outside the
 * standard ones count as {@code UNKNOWN}.
 */
class RequestMetricsFilter implements Filter {

	static final String METRIC = "http.server.requests";

	private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
			"TRACE");

	private final MeterRegistry registry;

	private final ConcurrentMap<Key, Timer> timers = new ConcurrentHashMap<>();

	RequestMetricsFilter(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Registered for the request dispatch only, so it runs once per request without
	 * {@code OncePerRequestFilter}'s request attribute, which cost a string and two map
	 * operations per request.
	 */
	@Override
	public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
			throws ServletException, IOException {
		HttpServletRequest request = (HttpServletRequest) servletRequest;
		HttpServletResponse response = (HttpServletResponse) servletResponse;
		long start = System.nanoTime();
		Throwable failure = null;
		try {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException | Error ex) {
			failure = ex;
			throw ex;
		}
		finally {
			if (!request.isAsyncStarted()) {
				record(request, response, failure, System.nanoTime() - start);
			}
		}
	}

	private void record(HttpServletRequest request, HttpServletResponse response, Throwable failure, long nanos) {
		int status = (failure != null) ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR : response.getStatus();
		Key key = new Key(method(request), uri(request, status), status, exception(request, failure));
		Timer timer = this.timers.get(key);
		if (timer == null) {
			timer = this.timers.computeIfAbsent(key, this::register);
		}
		timer.record(nanos, TimeUnit.NANOSECONDS);
	}

	private Timer register(Key key) {
		return Timer.builder(METRIC)
			.description("Requests answered by the servlet pipeline")
			.tag("method", key.method())
			.tag("uri", key.uri())
			.tag("status", Integer.toString(key.status()))
			.tag("outcome", outcome(key.status()))
			.tag("exception", key.exception())
			.register(this.registry);
	}

	private static String method(HttpServletRequest request) {
		String method = request.getMethod();
		return METHODS.contains(method) ? method : "UNKNOWN";
	}

	/** The route template, as Spring's instrumentation names requests without one. */
	private static String uri(HttpServletRequest request, int status) {
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		if (pattern != null) {
			return pattern.toString();
		}
		if (status >= 300 && status < 400) {
			return "REDIRECTION";
		}
		return (status == HttpServletResponse.SC_NOT_FOUND) ? "NOT_FOUND" : "UNKNOWN";
	}

	private static String exception(HttpServletRequest request, Throwable failure) {
		Throwable exception = (failure != null) ? failure
				: (Throwable) request.getAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE);
		if (exception instanceof ServletException servlet && servlet.getCause() != null) {
			exception = servlet.getCause();
		}
		return (exception != null) ? exception.getClass().getSimpleName() : "none";
	}

	private static String outcome(int status) {
		if (status < 200) {
			return "INFORMATIONAL";
		}
		if (status < 300) {
			return "SUCCESS";
		}
		if (status < 400) {
			return "REDIRECTION";
		}
		return (status < 500) ? "CLIENT_ERROR" : (status < 600) ? "SERVER_ERROR" : "UNKNOWN";
	}

	private record Key(String method, String uri, int status, String exception) {
	}

}
