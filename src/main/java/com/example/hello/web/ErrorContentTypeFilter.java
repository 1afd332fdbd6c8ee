package com.example.hello.web;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Runs on error dispatches only: hides a {@code Content-Type} the failed request set
 * before its error from the error page, which then chooses its own. Spring's static file
 * handler sets {@code text/css} before it finds a range it cannot satisfy; Spring's JSON
 * error body then had to be written as {@code text/css}, could not be, and the
 * {@code 416} became a {@code 500} for every client that did not ask for HTML.
 */
final class ErrorContentTypeFilter implements Filter {

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (response instanceof HttpServletResponse http && http.getContentType() != null && !http.isCommitted()) {
			chain.doFilter(request, new UnsetContentType(http));
			return;
		}
		chain.doFilter(request, response);
	}

	/** A response whose content type reads as unset until the error page sets one. */
	private static final class UnsetContentType extends HttpServletResponseWrapper {

		private boolean set;

		UnsetContentType(HttpServletResponse response) {
			super(response);
		}

		@Override
		public String getContentType() {
			return this.set ? super.getContentType() : null;
		}

		@Override
		public String getHeader(String name) {
			return (!this.set && "Content-Type".equalsIgnoreCase(name)) ? null : super.getHeader(name);
		}

		@Override
		public void setContentType(String type) {
			this.set = true;
			super.setContentType(type);
		}

		@Override
		public void setHeader(String name, String value) {
			this.set |= "Content-Type".equalsIgnoreCase(name);
			super.setHeader(name, value);
		}

	}

}
