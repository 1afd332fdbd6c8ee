package com.example.hello.web;

import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers a method a path does not serve with 405 and the same {@code Allow} that
 * {@code OPTIONS} on that path answers. Spring MVC's own 405 lists only the methods its
 * mappings name ({@code GET}), while its {@code OPTIONS} adds {@code HEAD} for a
 * {@code GET} and {@code OPTIONS} itself; here the 405 adds them too, in the same order
 * and form. Ahead of Spring's {@code DefaultHandlerExceptionResolver}, which would answer
 * the same 405 otherwise, and like it without logging: a wrong method is the client's
 * mistake.
 */
final class AllowedMethods implements HandlerExceptionResolver, Ordered {

	@Override
	public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		if (!(ex instanceof HttpRequestMethodNotSupportedException unsupported) || response.isCommitted()) {
			return null;
		}
		Set<HttpMethod> supported = unsupported.getSupportedHttpMethods();
		if (supported == null || supported.isEmpty()) {
			return null;
		}
		HttpHeaders headers = new HttpHeaders();
		headers.setAllow(allowed(supported));
		try {
			response.setHeader(HttpHeaders.ALLOW, headers.getFirst(HttpHeaders.ALLOW));
			response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
		}
		catch (java.io.IOException failure) {
			return null;
		}
		return new ModelAndView();
	}

	/** As Spring MVC's {@code OPTIONS} handling lists them. */
	static Set<HttpMethod> allowed(Set<HttpMethod> supported) {
		Set<HttpMethod> allowed = new LinkedHashSet<>(supported);
		if (allowed.contains(HttpMethod.GET)) {
			allowed.add(HttpMethod.HEAD);
		}
		allowed.add(HttpMethod.OPTIONS);
		return allowed;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
