package com.example.hello.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

/**
 * Adds the headers that keep browsers from misusing hello's pages: no content sniffing,
 * scripts from nowhere, styles from the site only, no framing, and no full URL in the
 * referrer. {@code /hello} is plain text for machines and stays as lean as it is.
 * <p>
 * It also writes a page's {@code Content-Language} as a valid tag: Undertow writes a
 * locale as language, hyphen, country, which for {@code Locale.ENGLISH}, the pages' own
 * (web.WebConfiguration), is {@code en-}.
 */
final class SecurityHeadersHandler implements HttpHandler {

	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
			+ "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

	private static final HttpString CSP = new HttpString("Content-Security-Policy");

	private static final HttpString NOSNIFF = new HttpString("X-Content-Type-Options");

	private static final HttpString FRAME_OPTIONS = new HttpString("X-Frame-Options");

	private static final HttpString REFERRER_POLICY = new HttpString("Referrer-Policy");

	private static final String PAGE_LANGUAGE = "en";

	private final HttpHandler next;

	SecurityHeadersHandler(HttpHandler next) {
		this.next = next;
	}

	@Override
	public void handleRequest(HttpServerExchange exchange) throws Exception {
		if (!"/hello".equals(exchange.getRequestPath())) {
			// when the response is committed: an error page resets the headers set before
			exchange.addResponseCommitListener(SecurityHeadersHandler::addHeaders);
		}
		this.next.handleRequest(exchange);
	}

	private static void addHeaders(HttpServerExchange exchange) {
		HeaderMap headers = exchange.getResponseHeaders();
		headers.put(NOSNIFF, "nosniff");
		headers.put(CSP, CONTENT_SECURITY_POLICY);
		headers.put(FRAME_OPTIONS, "DENY");
		headers.put(REFERRER_POLICY, "strict-origin-when-cross-origin");
		if (headers.contains(Headers.CONTENT_LANGUAGE)) {
			headers.put(Headers.CONTENT_LANGUAGE, PAGE_LANGUAGE);
		}
	}

}
