package com.example.hello.server;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;

/**
 * Tells whether a request arrived on one of the service's Unix sockets, whose file mode
 * decides who may connect. The listener marks such requests; features on top, such as
 * trusted forwarded headers, read the mark.
 */
public final class UnixSocketRequests {

	private static final AttachmentKey<Boolean> UNIX_SOCKET = AttachmentKey.create(Boolean.class);

	private UnixSocketRequests() {
	}

	/** Whether the request arrived on one of the service's Unix sockets. */
	public static boolean arrivedOnUnixSocket(HttpServerExchange exchange) {
		return Boolean.TRUE.equals(exchange.getAttachment(UNIX_SOCKET));
	}

	static void mark(HttpServerExchange exchange) {
		exchange.putAttachment(UNIX_SOCKET, Boolean.TRUE);
	}

}
