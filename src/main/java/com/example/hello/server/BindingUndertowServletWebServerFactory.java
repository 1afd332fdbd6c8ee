package com.example.hello.server;

import java.util.ArrayList;
import java.util.List;

import io.undertow.Undertow;
import io.undertow.connector.ByteBufferPool;

import org.springframework.boot.web.embedded.undertow.UndertowServletWebServer;
import org.springframework.boot.web.embedded.undertow.UndertowServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.servlet.ServletContextInitializer;

/**
 * Spring Boot's Undertow factory, listening where {@code server.bind} says: any number of
 * TCP addresses and Unix domain sockets, and the socket inherited on standard input.
 * Without {@code server.bind} it is Spring Boot's factory as it is, on
 * {@code server.address} and {@code server.port}.
 */
class BindingUndertowServletWebServerFactory extends UndertowServletWebServerFactory {

	private final BindProperties properties;

	private final ByteBufferPool buffers;

	private final List<OpenListenerCustomizer> openListenerCustomizers;

	private final List<RootHandlerCustomizer> rootHandlerCustomizers;

	BindingUndertowServletWebServerFactory(BindProperties properties, ByteBufferPool buffers,
			List<OpenListenerCustomizer> openListenerCustomizers, List<RootHandlerCustomizer> rootHandlerCustomizers) {
		this.properties = properties;
		this.buffers = buffers;
		this.openListenerCustomizers = List.copyOf(openListenerCustomizers);
		this.rootHandlerCustomizers = List.copyOf(rootHandlerCustomizers);
		addBuilderCustomizers(this::bind);
	}

	private void bind(Undertow.Builder builder) {
		builder.setByteBufferPool(this.buffers);
		if (this.properties.bind().isEmpty()) {
			return;
		}
		UndertowInternals.clearListeners(builder);
		for (BindAddress address : this.properties.bind()) {
			if (address instanceof BindAddress.Tcp tcp) {
				builder.addHttpListener(tcp.port(), tcp.host());
			}
		}
	}

	@Override
	public WebServer getWebServer(ServletContextInitializer... initializers) {
		UndertowServletWebServer server = (UndertowServletWebServer) super.getWebServer(initializers);
		List<UnixSocketListener> unixListeners = new ArrayList<>();
		BindProperties.UnixSocket socket = this.properties.unixSocket();
		for (BindAddress address : this.properties.bind()) {
			if (address instanceof BindAddress.Unix unix) {
				unixListeners
					.add(new UnixSocketListener(new UnixSocketFile(unix.path(), socket.modeBits(), socket.group())));
			}
		}
		boolean inherit = this.properties.bind().stream().anyMatch(BindAddress.Inherited.class::isInstance);
		return new BindingUndertowWebServer(server, unixListeners, socket.warmUp(), inherit, this.buffers,
				this.openListenerCustomizers, this.rootHandlerCustomizers);
	}

}
