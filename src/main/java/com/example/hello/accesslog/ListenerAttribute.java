package com.example.hello.accesslog;

import io.undertow.attribute.ExchangeAttribute;
import io.undertow.attribute.ExchangeAttributeBuilder;
import io.undertow.attribute.ReadOnlyAttributeException;
import io.undertow.server.HttpServerExchange;

import com.example.hello.server.ServerListeners;

/**
 * {@code %{listener}} in an access log pattern: the listener the request arrived on, as
 * {@code server.bind} names it ({@code 127.0.0.1:8080},
 * {@code unix:/run/hello/hello.sock}).
 */
final class ListenerAttribute implements ExchangeAttribute {

	static final String TOKEN = "%{listener}";

	static final ListenerAttribute INSTANCE = new ListenerAttribute();

	@Override
	public String readAttribute(HttpServerExchange exchange) {
		return ServerListeners.of(exchange);
	}

	@Override
	public void writeAttribute(HttpServerExchange exchange, String newValue) throws ReadOnlyAttributeException {
		throw new ReadOnlyAttributeException("listener", newValue);
	}

	/** Found by Undertow's pattern parser through {@code META-INF/services}. */
	public static final class Builder implements ExchangeAttributeBuilder {

		@Override
		public String name() {
			return "listener";
		}

		@Override
		public ExchangeAttribute build(String token) {
			return TOKEN.equals(token) ? INSTANCE : null;
		}

		@Override
		public int priority() {
			return 0;
		}

	}

}
