package com.example.hello.server;

import io.undertow.server.HttpHandler;

/**
 * Wraps the root handler of every listener alike (TCP, Unix sockets and the inherited
 * socket), outside Spring Boot's graceful-shutdown handler and the servlet deployment: a
 * feature's way to see every request Undertow parsed, including those answered before the
 * servlet pipeline, such as a refusal or a 503 while draining.
 */
@FunctionalInterface
public interface RootHandlerCustomizer {

	/** The handler to serve each request with instead of {@code root}, which it calls. */
	HttpHandler customize(HttpHandler root);

}
