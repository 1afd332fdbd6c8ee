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
 * threads, TCP listeners) and the open connections of each Unix socket and of a socket
 * inherited from systemd, which XNIO does not know about.
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
		return new BindAddress.Tcp(host, port).toString();
	}

	/** The worker of a started Undertow server; {@code null} for any other server. */
	public static XnioWorker worker(WebServer server) {
		Undertow undertow = (server instanceof BindingUndertowWebServer binding) ? binding.undertow()
				: (server instanceof UndertowServletWebServer undertowServer) ? undertowServer.getUndertow() : null;
		return (undertow != null) ? undertow.getWorker() : null;
	}

	/**
	 * Open connections of each socket XNIO does not know about, by its name: the Unix
	 * sockets ({@code unix:PATH}) and the socket inherited from systemd.
	 */
	public static Map<String, IntSupplier> socketConnections(WebServer server) {
		Map<String, IntSupplier> connections = new LinkedHashMap<>();
		if (server instanceof BindingUndertowWebServer binding) {
			for (UnixSocketListener listener : binding.unixListeners()) {
				connections.put(listener.name(), listener::openConnections);
			}
			InheritedSocketListener inherited = binding.inherited();
			if (inherited != null) {
				connections.put(inherited.name(), inherited::openConnections);
			}
		}
		return connections;
	}

}
