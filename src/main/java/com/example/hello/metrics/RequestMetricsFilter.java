package com.example.hello.metrics;

import java.io.IOException;

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
 * Times every request the servlet pipeline serves into {@link RequestTimers}, by route
 * template.
 * <p>
 * Spring's observation filter does the same through the Observation API, and under load
 * spends a large share of the CPU in that machinery: building and sorting key values for
 * every request, a long task timer started and stopped per request, and the timer looked
 * up again by its tags each time (docs/performance.md#metrics-cost).
 */
class RequestMetricsFilter implements Filter {

	private final RequestTimers timers;

	RequestMetricsFilter(RequestTimers timers) {
		this.timers = timers;
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
		this.timers.record(request.getMethod(), uri(request, status), status, exception(request, failure), nanos);
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

}
