package com.example.hello.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;

import io.undertow.Undertow;
import org.xnio.XnioWorker;

import org.springframework.boot.web.embedded.undertow.UndertowServletWebServer;
import org.springframework.boot.web.server.WebServer;

/**
 * What features on top, such as metrics, may read of a running server: its XNIO worker
 * (request threads, I/O threads, TCP listeners) and the open connections of each of its
 * Unix sockets, which XNIO does not know about.
 */
public final class ServerListeners {

	private ServerListeners() {
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
				connections.put(BindAddress.UNIX_PREFIX + listener.file().path(), listener::openConnections);
			}
		}
		return connections;
	}

}
