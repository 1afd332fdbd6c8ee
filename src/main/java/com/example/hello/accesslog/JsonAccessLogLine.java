package com.example.hello.accesslog;

import java.net.InetSocketAddress;
import java.time.Instant;

import io.undertow.attribute.ExchangeAttribute;
import io.undertow.attribute.ReadOnlyAttributeException;
import io.undertow.server.HttpServerExchange;
import io.undertow.servlet.attribute.ServletRequestURLAttribute;

import com.example.hello.server.ServerListeners;

/**
 * The access log line as one JSON object, with the fields of the text form under Elastic
 * Common Schema names, so that a collector reads it as it reads the ECS application log:
 * the client as resolved from trusted proxies, method, path (as requested, before any
 * error page forward) and query, protocol, status, bytes sent, duration (nanoseconds, as
 * ECS has it) and the listener.
 */
final class JsonAccessLogLine implements ExchangeAttribute {

	private final String service;

	JsonAccessLogLine(String service) {
		this.service = service;
	}

	@Override
	public String readAttribute(HttpServerExchange exchange) {
		long nanos = durationNanos(exchange);
		Instant start = Instant.now().minusNanos(Math.max(nanos, 0));
		InetSocketAddress client = exchange.getSourceAddress();
		String query = exchange.getQueryString();
		StringBuilder json = new StringBuilder(384);
		json.append("{\"@timestamp\":\"").append(start).append('"');
		json.append(",\"log\":{\"level\":\"INFO\",\"logger\":\"access\"}");
		json.append(",\"service\":{");
		string(json, "name", this.service).append('}');
		json.append(",\"client\":{");
		string(json, "address",
				(client != null && client.getAddress() != null) ? client.getAddress().getHostAddress() : null)
			.append('}');
		json.append(",\"http\":{\"request\":{");
		string(json, "method", exchange.getRequestMethod().toString()).append("},");
		string(json, "version", version(exchange));
		json.append(",\"response\":{\"status_code\":").append(exchange.getStatusCode());
		json.append(",\"body\":{\"bytes\":").append(exchange.getResponseBytesSent()).append("}}}");
		json.append(",\"url\":{");
		string(json, "path", ServletRequestURLAttribute.INSTANCE.readAttribute(exchange));
		if (query != null && !query.isEmpty()) {
			json.append(',');
			string(json, "query", query);
		}
		json.append("},\"event\":{\"dataset\":\"access\"");
		if (nanos >= 0) {
			json.append(",\"duration\":").append(nanos);
		}
		json.append("},\"hello\":{");
		string(json, "listener", ServerListeners.of(exchange)).append('}');
		json.append(",\"ecs\":{\"version\":\"8.11\"}}");
		return json.toString();
	}

	/** {@code 1.1} for {@code HTTP/1.1}. */
	private static String version(HttpServerExchange exchange) {
		String protocol = exchange.getProtocol().toString();
		return protocol.startsWith("HTTP/") ? protocol.substring(5) : protocol;
	}

	/** As Undertow's {@code %D}: from the start of the request to now; -1 if unknown. */
	private static long durationNanos(HttpServerExchange exchange) {
		long start = exchange.getRequestStartTime();
		return (start > 0) ? System.nanoTime() - start : -1;
	}

	private static StringBuilder string(StringBuilder json, String name, String value) {
		json.append('"').append(name).append("\":");
		if (value == null) {
			return json.append("null");
		}
		json.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				default -> {
					if (c < 0x20 || c == 0x7f) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		return json.append('"');
	}

	@Override
	public void writeAttribute(HttpServerExchange exchange, String newValue) throws ReadOnlyAttributeException {
		throw new ReadOnlyAttributeException("JSON access log line", newValue);
	}

}
