package com.example.hello.server;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;

import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import org.xnio.XnioWorker;

import org.springframework.boot.web.embedded.undertow.UndertowServletWebServer;
import org.springframework.boot.web.server.WebServer;

/**
 * What features on top, such as metrics and the access log, may read of the server's
 * listeners: which one a request arrived on, the XNIO worker (request threads, I/O
 * threads, TCP listeners) and the open connections of each Unix socket, which XNIO does
 * not know about.
 */
public final class ServerListeners {

	private ServerListeners() {
	}

	/**
	 * The listener a request arrived on, named as {@code server.bind} names it:
	 * {@code unix:PATH} for a Unix socket, {@code HOST:PORT} for TCP.
	 */
	public static String of(HttpServerExchange exchange) {
		String socket = UnixSocketRequests.socket(exchange);
		if (socket != null) {
			return socket;
		}
		InetSocketAddress local = exchange.getConnection().getLocalAddress(InetSocketAddress.class);
		return (local != null) ? name(local.getAddress().getHostAddress(), local.getPort()) : "unknown";
	}

	/** {@code HOST:PORT}, with an IPv6 host in brackets. */
	public static String name(String host, int port) {
		return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
	}

	/** The worker of a started Undertow server; {@code null} for any other server. */
	public static XnioWorker worker(WebServer server) {
		Undertow undertow = (server instanceof BindingUndertowWebServer binding) ? binding.undertow()
				: (server instanceof UndertowServletWebServer undertowServer) ? undertowServer.getUndertow() : null;
		return (undertow != null) ? undertow.getWorker() : null;
	}

	/** Open connections of each Unix socket, by its {@code unix:PATH}. */
	public static Map<String, IntSupplier> unixSocketConnections(WebServer server) {
		Map<String, IntSupplier> connections = new LinkedHashMap<>();
		if (server instanceof BindingUndertowWebServer binding) {
			for (UnixSocketListener listener : binding.unixListeners()) {
				connections.put(listener.name(), listener::openConnections);
			}
		}
		return connections;
	}

}
