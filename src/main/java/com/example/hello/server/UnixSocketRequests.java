package com.example.hello.server;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;

/**
 * Tells whether a request arrived on one of the service's Unix sockets, whose file mode
 * decides who may connect. The listener marks such requests; features on top, such as
 * trusted forwarded headers, read the mark.
 */
public final class UnixSocketRequests {

	private static final AttachmentKey<String> UNIX_SOCKET = AttachmentKey.create(String.class);

	private UnixSocketRequests() {
	}

	/** Whether the request arrived on one of the service's Unix sockets. */
	public static boolean arrivedOnUnixSocket(HttpServerExchange exchange) {
		return exchange.getAttachment(UNIX_SOCKET) != null;
	}

	/** The {@code unix:PATH} the request arrived on; {@code null} if it came over TCP. */
	static String socket(HttpServerExchange exchange) {
		return exchange.getAttachment(UNIX_SOCKET);
	}

	static void mark(HttpServerExchange exchange, String socket) {
		exchange.putAttachment(UNIX_SOCKET, socket);
	}

}
