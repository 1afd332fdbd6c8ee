package com.example.hello.http;

import java.util.Set;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;

/**
 * Refuses, before anything else sees it, a request that is too large, uses a method,
 * version or target hello does not serve, has a folded header line, or is framed in a way
 * two parsers could read differently. The refusal is a short plain-text status with no
 * part of the request in it, and the connection is closed, so that no bytes after a
 * doubtful request are ever read as another request.
 */
final class RequestHygieneHandler implements HttpHandler {

	/** Methods and versions are case-sensitive; {@link HttpString#equals} is not. */
	private static final Set<String> SERVED = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

	/**
	 * What a TRACE or CONNECT is told, for any path: every path of hello's serves these
	 * and no other, and Spring MVC answers {@code OPTIONS} and a 405 with the same list
	 * (web.AllowedMethods). Add a method here if a controller ever takes another.
	 */
	static final String ALLOW = "GET,HEAD,OPTIONS";

	private static final HttpString ACCEPT_PATCH = new HttpString("Accept-Patch");

	private final HttpHandler next;

	private final int maxRequestLine;

	private final int maxHeaderFields;

	private final long maxHeaderFieldSize;

	private final long maxBody;

	private final RequestHeads heads;

	RequestHygieneHandler(HttpHandler next, HttpProperties.Limits limits, RequestHeads heads) {
		this.next = next;
		this.heads = heads;
		this.maxRequestLine = limits.requestLine();
		this.maxHeaderFields = limits.headerFields();
		this.maxHeaderFieldSize = limits.headerFieldSize().toBytes();
		this.maxBody = limits.body().toBytes();
	}

	@Override
	public void handleRequest(HttpServerExchange exchange) throws Exception {
		int status = check(exchange);
		if (status == 0) {
			normalize(exchange);
			this.next.handleRequest(exchange);
			return;
		}
		if (status == 405) {
			exchange.getResponseHeaders().put(Headers.ALLOW, ALLOW);
		}
		refuse(exchange, status);
	}

	/**
	 * The status a request must be refused with, or 0 when it may be served. Called once
	 * per request: its head's scan is taken.
	 */
	int check(HttpServerExchange exchange) {
		int head = this.heads.refusal(exchange);
		if (requestLineLength(exchange) > this.maxRequestLine) {
			return 414;
		}
		int status = checkHeaderFields(exchange);
		if (status != 0) {
			return status;
		}
		if (head != 0) {
			return head; // a version the parser took for HTTP/1.1, a folded line
		}
		String protocol = exchange.getProtocol().toString();
		if (!protocol.equals("HTTP/1.1") && !protocol.equals("HTTP/1.0")) {
			return 505;
		}
		String method = exchange.getRequestMethod().toString();
		if (method.equals("TRACE") || method.equals("CONNECT")) {
			return 405;
		}
		if (!SERVED.contains(method)) {
			return 501;
		}
		if (exchange.isHostIncludedInRequestURI() || !exchange.getRequestURI().startsWith("/")) {
			return 400; // absolute-form, authority-form or '*': hello is no proxy
		}
		return checkFraming(exchange);
	}

	/**
	 * What a request that may be served still needs: {@code close} honoured wherever it
	 * is among the {@code Connection} headers (RFC 9112 9.6; Undertow reads the first
	 * line only), a {@code Range} the static files cannot answer ignored (RFC 9110 14.2),
	 * no empty {@code Accept-Patch} on an {@code OPTIONS} answer (RFC 5789 3.1), and a
	 * chunked body's framing followed. One header lookup each; nothing allocated unless
	 * the header is there.
	 */
	private void normalize(HttpServerExchange exchange) {
		HeaderMap headers = exchange.getRequestHeaders();
		HeaderValues connection = headers.get(Headers.CONNECTION);
		if (connection != null && exchange.isPersistent() && hasCloseOption(connection)) {
			exchange.setPersistent(false);
		}
		HeaderValues range = headers.get(Headers.RANGE);
		if (range != null) {
			String normalized = (range.size() == 1) ? ByteRanges.normalize(range.getFirst()) : null;
			if (normalized == null) {
				headers.remove(Headers.RANGE);
			}
			else if (!normalized.equals(range.getFirst())) {
				headers.put(Headers.RANGE, normalized);
			}
		}
		if (exchange.getRequestMethod().equals(Methods.OPTIONS)) {
			exchange.addResponseCommitListener(RequestHygieneHandler::dropEmptyAcceptPatch);
		}
		if (headers.contains(Headers.TRANSFER_ENCODING)) {
			RequestHeadScanner scanner = this.heads.chunkedBody(exchange);
			if (scanner != null) {
				exchange.putAttachment(RequestBodyGate.CHUNKED, scanner);
			}
		}
	}

	/** Whether any of the values lists the {@code close} option, in any case. */
	static boolean hasCloseOption(HeaderValues connection) {
		for (String value : connection) {
			int start = 0;
			while (start <= value.length()) {
				int comma = value.indexOf(',', start);
				int end = (comma < 0) ? value.length() : comma;
				int from = start;
				int to = end;
				while (from < to && (value.charAt(from) == ' ' || value.charAt(from) == '\t')) {
					from++;
				}
				while (to > from && (value.charAt(to - 1) == ' ' || value.charAt(to - 1) == '\t')) {
					to--;
				}
				if (to - from == 5 && value.regionMatches(true, from, "close", 0, 5)) {
					return true;
				}
				start = end + 1;
			}
		}
		return false;
	}

	private static void dropEmptyAcceptPatch(HttpServerExchange exchange) {
		HeaderValues acceptPatch = exchange.getResponseHeaders().get(ACCEPT_PATCH);
		if (acceptPatch != null && acceptPatch.stream().allMatch(String::isBlank)) {
			exchange.getResponseHeaders().remove(ACCEPT_PATCH);
		}
	}

	private static int requestLineLength(HttpServerExchange exchange) {
		String query = exchange.getQueryString();
		return exchange.getRequestMethod().length() + 1 + exchange.getRequestURI().length()
				+ ((query != null && !query.isEmpty()) ? query.length() + 1 : 0) + 1 + exchange.getProtocol().length();
	}

	private int checkHeaderFields(HttpServerExchange exchange) {
		int fields = 0;
		for (HeaderValues values : exchange.getRequestHeaders()) {
			HttpString name = values.getHeaderName();
			if (!isToken(name)) {
				return 400;
			}
			for (String value : values) {
				fields++;
				if (name.length() + 2 + value.length() > this.maxHeaderFieldSize) {
					return 431;
				}
				if (!isFieldValue(value)) {
					return 400;
				}
				if (endsWithEmptyParameter(value) && name.equals(Headers.CONTENT_TYPE)) {
					return 400;
				}
			}
		}
		return (fields > this.maxHeaderFields) ? 431 : 0;
	}

	/**
	 * Content-Length and Transfer-Encoding as RFC 9112 allows them, and nothing a proxy
	 * in front could read differently: one of them at most, one Content-Length of digits
	 * only, and Transfer-Encoding exactly {@code chunked}, on HTTP/1.1 only.
	 */
	private int checkFraming(HttpServerExchange exchange) {
		HeaderValues transferEncoding = exchange.getRequestHeaders().get(Headers.TRANSFER_ENCODING);
		HeaderValues contentLength = exchange.getRequestHeaders().get(Headers.CONTENT_LENGTH);
		if (transferEncoding != null) {
			boolean chunked = transferEncoding.size() == 1 && "chunked".equalsIgnoreCase(transferEncoding.getFirst());
			if (contentLength != null || !chunked || !"HTTP/1.1".equals(exchange.getProtocol().toString())) {
				return 400;
			}
			return 0;
		}
		if (contentLength == null) {
			return 0;
		}
		String value = contentLength.getFirst();
		if (contentLength.size() != 1 || value.isEmpty() || value.length() > 18
				|| !value.chars().allMatch(Character::isDigit)) {
			return 400;
		}
		return (Long.parseLong(value) > this.maxBody) ? 413 : 0;
	}

	/**
	 * A media type's parameter needs a value (RFC 9110 5.6.6). Undertow's parameter
	 * parser fails on an empty last one ({@code text/plain; charset=}) with an exception
	 * that reached every route as a 500, for any method.
	 */
	private static boolean endsWithEmptyParameter(String value) {
		int end = value.length();
		while (end > 0 && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\t')) {
			end--;
		}
		return end > 0 && value.charAt(end - 1) == '=';
	}

	private static boolean isToken(HttpString name) {
		if (name.length() == 0) {
			return false;
		}
		for (int i = 0; i < name.length(); i++) {
			byte c = name.byteAt(i);
			boolean tchar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
			if (!tchar) {
				return false;
			}
		}
		return true;
	}

	private static boolean isFieldValue(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if ((c < 0x20 && c != '\t') || c == 0x7f) {
				return false;
			}
		}
		return true;
	}

	static void refuse(HttpServerExchange exchange, int status) {
		exchange.setPersistent(false);
		exchange.setStatusCode(status);
		exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain;charset=utf-8");
		exchange.getResponseHeaders().put(Headers.CONNECTION, "close");
		// since Undertow 2.3.26 the exchange's reason phrase is null unless set
		exchange.getResponseSender().send(status + " " + StatusCodes.getReason(status) + "\n");
	}

}
