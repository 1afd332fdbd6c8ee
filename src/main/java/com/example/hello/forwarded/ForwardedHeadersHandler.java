package com.example.hello.forwarded;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

import com.example.hello.server.UnixSocketRequests;

/**
 * Applies {@code X-Forwarded-For}, {@code -Proto}, {@code -Host}, {@code -Port} and
 * {@code X-Real-IP} from trusted proxies only, as Gunicorn's {@code forwarded_allow_ips}
 * does, and removes them from every request so that nothing downstream reads them again.
 * <p>
 * A peer is trusted when it is in {@code server.trusted-proxies} or when the request came
 * over one of the service's Unix sockets (only processes the socket's mode lets in can
 * connect). The client is the right-most {@code X-Forwarded-For} entry that is not itself
 * a trusted proxy, so a client cannot forge its address by sending the header itself.
 */
class ForwardedHeadersHandler implements HttpHandler {

	private static final HttpString X_REAL_IP = new HttpString("X-Real-IP");

	private static final HttpString[] FORWARDED_HEADERS = { Headers.X_FORWARDED_FOR, Headers.X_FORWARDED_PROTO,
			Headers.X_FORWARDED_HOST, Headers.X_FORWARDED_PORT, X_REAL_IP, Headers.FORWARDED };

	/** A host name or IP literal, with an optional port. */
	private static final Pattern HOST = Pattern.compile("([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?");

	private final HttpHandler next;

	private final List<IpRange> trustedProxies;

	ForwardedHeadersHandler(HttpHandler next, List<IpRange> trustedProxies) {
		this.next = next;
		this.trustedProxies = List.copyOf(trustedProxies);
	}

	@Override
	public void handleRequest(HttpServerExchange exchange) throws Exception {
		HeaderMap headers = exchange.getRequestHeaders();
		if (isTrustedPeer(exchange)) {
			apply(exchange, headers);
		}
		for (HttpString header : FORWARDED_HEADERS) {
			headers.remove(header);
		}
		this.next.handleRequest(exchange);
	}

	private boolean isTrustedPeer(HttpServerExchange exchange) {
		if (UnixSocketRequests.arrivedOnUnixSocket(exchange)) {
			return true;
		}
		InetSocketAddress peer = exchange.getConnection().getPeerAddress(InetSocketAddress.class);
		return peer != null && peer.getAddress() != null && isTrusted(peer.getAddress());
	}

	private void apply(HttpServerExchange exchange, HeaderMap headers) {
		InetAddress client = client(headers);
		if (client != null) {
			exchange.setSourceAddress(new InetSocketAddress(client, 0));
		}
		String proto = lastValue(headers.get(Headers.X_FORWARDED_PROTO));
		if (proto != null) {
			proto = proto.toLowerCase(Locale.ROOT);
			if (proto.equals("http") || proto.equals("https")) {
				exchange.setRequestScheme(proto);
			}
		}
		String forwardedHost = lastValue(headers.get(Headers.X_FORWARDED_HOST));
		int port = port(lastValue(headers.get(Headers.X_FORWARDED_PORT)));
		if (forwardedHost == null && port == -1) {
			return;
		}
		Matcher host = HOST
			.matcher((forwardedHost != null) ? forwardedHost : String.valueOf(headers.getFirst(Headers.HOST)));
		if (!host.matches()) {
			return;
		}
		if (port == -1) {
			headers.put(Headers.HOST, host.group());
		}
		else {
			boolean standard = (port == 80 && exchange.getRequestScheme().equals("http"))
					|| (port == 443 && exchange.getRequestScheme().equals("https"));
			headers.put(Headers.HOST, standard ? host.group(1) : host.group(1) + ":" + port);
		}
	}

	/** The right-most address that is not a trusted proxy; else the left-most one. */
	private InetAddress client(HeaderMap headers) {
		List<String> hops = new ArrayList<>();
		HeaderValues forwardedFor = headers.get(Headers.X_FORWARDED_FOR);
		if (forwardedFor != null) {
			for (String value : forwardedFor) {
				for (String hop : value.split(",")) {
					hops.add(hop.strip());
				}
			}
		}
		if (hops.isEmpty()) {
			String realIp = headers.getFirst(X_REAL_IP);
			return (realIp != null) ? IpRange.parseAddress(realIp) : null;
		}
		InetAddress leftMost = null;
		for (int i = hops.size() - 1; i >= 0; i--) {
			InetAddress hop = IpRange.parseAddress(hops.get(i));
			if (hop == null) {
				return null; // a broken chain: trust nothing left of it
			}
			if (!isTrusted(hop)) {
				return hop;
			}
			leftMost = hop;
		}
		return leftMost;
	}

	private boolean isTrusted(InetAddress address) {
		for (IpRange range : this.trustedProxies) {
			if (range.contains(address)) {
				return true;
			}
		}
		return false;
	}

	private static String lastValue(HeaderValues values) {
		if (values == null || values.isEmpty()) {
			return null;
		}
		String last = values.getLast();
		int comma = last.lastIndexOf(',');
		String value = ((comma >= 0) ? last.substring(comma + 1) : last).strip();
		return value.isEmpty() ? null : value;
	}

	private static int port(String value) {
		if (value == null) {
			return -1;
		}
		try {
			int port = Integer.parseInt(value);
			return (port > 0 && port <= 65535) ? port : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
