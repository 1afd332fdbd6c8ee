package com.example.hello.server;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.protocol.http.HttpOpenListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.xnio.OptionMap;

import org.springframework.boot.web.embedded.undertow.UndertowServletWebServer;
import org.springframework.boot.web.server.GracefulShutdownCallback;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.WebServerException;

/**
 * Spring Boot's Undertow server plus the Unix sockets of {@code server.bind}. The sockets
 * are bound before Undertow starts, so a bad path stops start-up before any port opens;
 * their connections go to the very root handler that TCP connections reach (servlet
 * pipeline, access log, graceful shutdown); and they are closed and removed before
 * Undertow stops its I/O threads.
 */
class BindingUndertowWebServer implements WebServer {

	private static final Log logger = LogFactory.getLog(BindingUndertowWebServer.class);

	private final UndertowServletWebServer server;

	private final List<UnixSocketListener> unixListeners;

	private final ByteBufferPool buffers;

	private boolean started;

	BindingUndertowWebServer(UndertowServletWebServer server, List<UnixSocketListener> unixListeners,
			ByteBufferPool buffers) {
		this.server = server;
		this.unixListeners = unixListeners;
		this.buffers = buffers;
	}

	@Override
	public void start() throws WebServerException {
		synchronized (this) {
			if (this.started) {
				return;
			}
			List<UnixSocketListener> bound = new ArrayList<>();
			try {
				for (UnixSocketListener listener : this.unixListeners) {
					listener.bind();
					bound.add(listener);
				}
				this.server.start();
				Undertow undertow = this.server.getUndertow();
				if (undertow == null) {
					bound.forEach(UnixSocketListener::close);
					return;
				}
				HttpOpenListener openListener = openListener(undertow);
				OptionMap socketOptions = UndertowInternals.socketOptions(undertow);
				this.unixListeners
					.forEach((listener) -> listener.start(undertow.getWorker(), openListener, socketOptions));
				this.started = true;
				logListeners(undertow);
			}
			catch (RuntimeException ex) {
				bound.forEach(UnixSocketListener::close);
				throw ex;
			}
		}
	}

	private HttpOpenListener openListener(Undertow undertow) {
		// as Undertow.start() builds the options of its own HTTP listeners: its defaults
		// first, then the server options set on the builder (by Spring Boot and
		// customizers)
		OptionMap options = OptionMap.builder()
			.set(UndertowOptions.NO_REQUEST_TIMEOUT, 60_000)
			.set(UndertowOptions.BUFFER_PIPELINED_DATA, true)
			.addAll(UndertowInternals.serverOptions(undertow))
			.getMap();
		HttpOpenListener listener = new HttpOpenListener(this.buffers, options);
		HttpHandler root = UndertowInternals.rootHandler(undertow);
		listener.setRootHandler((exchange) -> {
			UnixSocketRequests.mark(exchange);
			root.handleRequest(exchange);
		});
		return listener;
	}

	private void logListeners(Undertow undertow) {
		for (Undertow.ListenerInfo listener : undertow.getListenerInfo()) {
			if (listener.getAddress() instanceof InetSocketAddress address) {
				String host = address.getAddress().getHostAddress();
				host = host.contains(":") ? "[" + host + "]" : host;
				logger.info("Listening at: " + listener.getProtcol() + "://" + host + ":" + address.getPort());
			}
		}
		for (UnixSocketListener listener : this.unixListeners) {
			logger.info("Listening at: unix:" + listener.file().path() + " (" + listener.file().describeAccess() + ")");
		}
	}

	@Override
	public void stop() throws WebServerException {
		synchronized (this) {
			if (this.started) {
				this.unixListeners.forEach(UnixSocketListener::close);
				this.started = false;
			}
		}
		this.server.stop();
	}

	@Override
	public void destroy() {
		stop();
		if (this.server.getUndertow() != null) {
			// Spring Boot 3.5 fails with a NullPointerException when it never started
			this.server.destroy();
		}
	}

	@Override
	public int getPort() {
		return this.server.getPort();
	}

	@Override
	public void shutDownGracefully(GracefulShutdownCallback callback) {
		this.server.shutDownGracefully(callback);
	}

}
