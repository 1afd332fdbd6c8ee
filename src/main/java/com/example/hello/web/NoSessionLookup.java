package com.example.hello.web;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.session.SessionConfig;

/**
 * hello keeps no sessions, so no request names one: a session id is never looked for.
 * Undertow looked for one in the request's cookies whenever a session was asked for
 * (Thymeleaf asks on every page, Spring's default flash attributes on every request), and
 * parsing the cookies threw past 200 of them: a request with many cookies got a 500.
 * Nothing else reads them, so a request's cookies are now ignored however many there are.
 * A session created in a request still works, for that request.
 */
final class NoSessionLookup implements SessionConfig {

	private final SessionConfig delegate;

	NoSessionLookup(SessionConfig delegate) {
		this.delegate = delegate;
	}

	@Override
	public String findSessionId(HttpServerExchange exchange) {
		return null;
	}

	@Override
	public void setSessionId(HttpServerExchange exchange, String sessionId) {
		this.delegate.setSessionId(exchange, sessionId);
	}

	@Override
	public void clearSession(HttpServerExchange exchange, String sessionId) {
		this.delegate.clearSession(exchange, sessionId);
	}

	@Override
	public SessionCookieSource sessionCookieSource(HttpServerExchange exchange) {
		return SessionCookieSource.NONE;
	}

	@Override
	public String rewriteUrl(String originalUrl, String sessionId) {
		return originalUrl;
	}

}
