package com.example.hello.adversarial;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The adversarial suite's cases, as tables: per category, the bytes to send and what may
 * come back. Every case expects no 5xx (unless it asks for the deliberate failure), no
 * stack trace, exception or version, and at most one response to one request.
 */
public final class AdversarialCases {

	/** Where a case is sent. */
	public enum Transport {

		TCP, UNIX, NGINX;

		/** Whether the service sees the client itself, not nginx's cleaned-up request. */
		boolean direct() {
			return this != NGINX;
		}

	}

	/**
	 * One case.
	 *
	 * @param category what kind of abuse
	 * @param name what is sent, for the test's name
	 * @param parts the bytes, sent with a pause between parts
	 * @param statuses what the first response may be; through nginx any 4xx also passes,
	 * as nginx may refuse first
	 * @param mayClose whether closing without a response is fine too
	 * @param secrets text that must never come back (echoed headers, evaluated
	 * expressions, files)
	 * @param transports where the case applies
	 * @param closedWithin for slow clients: the server must close within this
	 * @param viaNginx what nginx may answer besides those and any 4xx, as nginx documents
	 * it
	 */
	record Case(String category, String name, List<byte[]> parts, Set<Integer> statuses, boolean mayClose,
			List<String> secrets, Set<Transport> transports, Duration closedWithin, Set<Integer> viaNginx) {

		Case(String category, String name, List<byte[]> parts, Set<Integer> statuses, boolean mayClose,
				List<String> secrets, Set<Transport> transports, Duration closedWithin) {
			this(category, name, parts, statuses, mayClose, secrets, transports, closedWithin, Set.of());
		}

		@Override
		public String toString() {
			return this.category + ": " + this.name;
		}

	}

	/**
	 * Requests sent back to back in one write, over the service's own listeners: each
	 * head is checked, whether it arrived alone or behind another request's bytes.
	 *
	 * @param name what is sent, for the test's name
	 * @param bytes the requests
	 * @param statuses the status of each response, in order; a refusal ends the
	 * connection, so nothing after it is answered
	 */
	record Pipelined(String name, byte[] bytes, List<Integer> statuses) {

		@Override
		public String toString() {
			return "pipelined: " + this.name;
		}

	}

	/** Sent to every page request, so that an echo would show it. */
	static final String COOKIE_SECRET = "sekrit-cookie-7f3a";

	/** What a template expression in these cases evaluates to, if it ever is. */
	static final String EVALUATED = "855547";

	static final Set<Transport> ALL = EnumSet.allOf(Transport.class);

	static final Set<Transport> DIRECT = EnumSet.of(Transport.TCP, Transport.UNIX);

	/** The timeouts the suite's services run with, short so that the slow cases are. */
	public static final Map<String, Object> TIMEOUTS = Map.of("hello.http.timeouts.idle", "2s",
			"hello.http.timeouts.request-headers", "2s", "hello.http.timeouts.read", "2s", "hello.http.timeouts.write",
			"2s", "hello.http.timeouts.request-body", "2s");

	/**
	 * nginx's client timeouts for the suite's run through nginx, as short as the
	 * service's: a replacement for the shipped site, whose nginx defaults are 60 s.
	 */
	public static final Map<String, String> NGINX_TIMEOUTS = Map.of("server_tokens off;\n",
			"server_tokens off;\n    client_header_timeout 2s;\n    client_body_timeout 2s;\n");

	/** Leaks that no response may carry. */
	static final List<String> LEAKS = List.of("Exception", "\tat ", "io.undertow", "org.springframework", "Undertow/",
			"X-Powered-By", "2.3.26", "\r\nServer: Undertow", COOKIE_SECRET, EVALUATED);

	private static final Set<Integer> NOT_FOUND = Set.of(400, 404);

	private AdversarialCases() {
	}

	static List<Case> all() {
		List<Case> cases = new ArrayList<>();
		traversal(cases);
		templateInjection(cases);
		malformed(cases);
		smuggling(cases);
		methods(cases);
		limits(cases);
		forwarded(cases);
		crlf(cases);
		errorPages(cases);
		slowClients(cases);
		cookies(cases);
		ranges(cases);
		framing(cases);
		return cases;
	}

	static List<Pipelined> pipelined() {
		String valid = "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n";
		String unknownVersion = "GET /hello HTTP/1.2\r\nHost: x\r\n\r\n";
		String folded = "GET /hello HTTP/1.1\r\nHost: x\r\nX-Folded: a\r\n b\r\n\r\n";
		String body = "POST /test/echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\n"
				+ "hello";
		String chunked = "POST /test/echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
				+ "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n";
		List<Pipelined> pipelined = new ArrayList<>();
		pipelined.add(new Pipelined("three valid requests", bytes(valid + valid + valid), List.of(200, 200, 200)));
		pipelined
			.add(new Pipelined("a valid request, then HTTP/1.2", bytes(valid + unknownVersion), List.of(200, 505)));
		pipelined.add(new Pipelined("a valid request, then a folded line", bytes(valid + folded), List.of(200, 400)));
		pipelined.add(new Pipelined("HTTP/1.2, then a valid request", bytes(unknownVersion + valid), List.of(505)));
		pipelined.add(new Pipelined("a folded line, then a valid request", bytes(folded + valid), List.of(400)));
		pipelined.add(new Pipelined("a body, then HTTP/1.2", bytes(body + unknownVersion), List.of(200, 505)));
		pipelined
			.add(new Pipelined("a chunked body, then HTTP/1.2", bytes(chunked + unknownVersion), List.of(200, 505)));
		pipelined.add(new Pipelined("a chunked body, then a folded line", bytes(chunked + folded), List.of(200, 400)));
		pipelined.add(new Pipelined("two bodies, then HTTP/1.2", bytes(body + chunked + unknownVersion),
				List.of(200, 200, 505)));
		// the first answer is never held back and lost behind the parser's own 400
		pipelined.add(new Pipelined("a valid request, then HTTP/1.x", bytes(valid + valid.replace("1.1", "1.x")),
				List.of(200, 400)));
		pipelined.add(new Pipelined("a valid request, then the HTTP/2 preface",
				bytes(valid + "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"), List.of(200, 400)));
		pipelined.add(new Pipelined("two valid requests, then a request line of bytes 0x00",
				bytes(valid + valid + "\u0000\u0000\u0000\r\n\r\n"), List.of(200, 200, 400)));
		pipelined
			.add(new Pipelined("a body, then HTTP/1.x", bytes(body + valid.replace("1.1", "1.x")), List.of(200, 400)));
		// RFC 9112 9.6: close in any Connection header ends the connection
		for (String connection : List.of("Connection: x-probe, close", "Connection: keep-alive\r\nConnection: close",
				"Connection: CLOSE", "Connection: x-probe,close ,y", "Connection: keep-alive, Close")) {
			pipelined.add(new Pipelined(printable(connection) + ", then a valid request",
					bytes(valid.replace("\r\n\r\n", "\r\n" + connection + "\r\n\r\n") + valid), List.of(200)));
		}
		pipelined.add(new Pipelined("Connection: closed (no close option), then a valid request",
				bytes(valid.replace("\r\n\r\n", "\r\nConnection: closed, x-close\r\n\r\n") + valid),
				List.of(200, 200)));
		// RFC 9112 7.1: a chunk line ends in CRLF; what a bare LF frames is never read
		pipelined.add(new Pipelined("a chunk line ended by a bare LF, then a valid request",
				bytes(chunked.replace("5\r\nhello", "5\nhello") + valid), List.of(400)));
		return pipelined;
	}

	/** How many cases each category has, for the report. */
	static Map<String, Long> counts() {
		return all().stream().collect(Collectors.groupingBy(Case::category, LinkedHashMap::new, Collectors.counting()));
	}

	private static void traversal(List<Case> cases) {
		List<String> secrets = List.of("spring:", "application:", "Main-Class", "\u00ca\u00fe\u00ba\u00be", "th:text",
				"root:x:0:0", "<main id=\"about\"");
		for (String path : List.of("/../application.yml", "/%2e%2e/application.yml", "/%2e%2e%2fapplication.yml",
				"/%252e%252e%252fapplication.yml", "/..;/application.yml", "/pages/..;/..;/application.yml",
				"/pages/..%5c..%5capplication.yml", "/pages/..\\..\\application.yml", "/about%00.html", "/about%00",
				"/%c0%ae%c0%ae/application.yml", "/%c0%af..%c0%afapplication.yml", "/pages/../../application.yml",
				"/pages/%2e%2e/%2e%2e/application.yml", "/application.yml", "/application-prod.yml",
				"/com/example/hello/HelloApplication.class", "/pages/../com/example/hello/HelloApplication.class",
				"/META-INF/MANIFEST.MF", "/pages/../META-INF/MANIFEST.MF", "/BOOT-INF/classes/application.yml",
				"/templates/pages/about.html", "/pages/about.html", "/pages/../templates/pages/about.html",
				"/static/pages/site.css/../../application.yml", "/WEB-INF/web.xml", "/..%2f..%2f..%2fetc/passwd",
				"/%2e%2e%5c%2e%2e%5cetc%5cpasswd", "/pages/%252e%252e/application.yml",
				"/./about/../../application.yml", "/about/..%2f..%2fapplication.yml", "/pages/site.css%00.yml")) {
			cases.add(new Case("traversal", path, parts(get(path)), NOT_FOUND, true, secrets, ALL, null));
		}
	}

	private static void templateInjection(List<Case> cases) {
		for (String path : List.of("/__${77777*11}__::.x", "/__$%7B77777*11%7D__::.x", "/${77777*11}",
				"/%24%7B77777*11%7D", "/*{77777*11}", "/%2A%7B77777*11%7D", "/#{77777*11}", "/%23%7B77777*11%7D",
				"/~{fragments/layout}", "/%7E%7Bfragments/layout%7D", "/about::layout", "/about%3A%3Alayout",
				"/index::main", "/pages/about", "/pages%2Fabout", "/fragments/layout", "/error/5xx", "/error/404",
				"/__${T(java.lang.Runtime).getRuntime().exec('id')}__::.x",
				"/__%24%7BT(java.lang.Runtime).getRuntime().exec('id')%7D__::.x", "/about/__${77777*11}__", "/ABOUT",
				"/about.html", "/about/", "/about;x=${77777*11}")) {
			cases.add(new Case("template injection", path, parts(get(path)), NOT_FOUND, true,
					List.of("uid=", "<main id=\"about\"", "<main id=\"index\""), ALL, null));
		}
		for (String query : List.of("/?page=__${77777*11}__::.x", "/about?view=~{fragments/layout}",
				"/about?x=%24%7B77777*11%7D")) {
			cases.add(new Case("template injection", query, parts(get(query)), Set.of(200, 400), true, List.of(), ALL,
					null));
		}
	}

	private static void malformed(List<Case> cases) {
		Set<Integer> bad = Set.of(400);
		Set<Integer> version = Set.of(400, 505);
		Map<String, Set<Integer>> table = new LinkedHashMap<>();
		table.put("GET /hello HTTP/0.9\r\n\r\n", version);
		table.put("GET /hello\r\n\r\n", version);
		// versions Undertow's parser would serve as HTTP/1.1
		table.put("GET /hello HTTP/1.2\r\nHost: x\r\n\r\n", Set.of(505));
		table.put("GET /hello HTTP/1.9\r\nHost: x\r\n\r\n", Set.of(505));
		table.put("GET /hello HTTP/9.9\r\nHost: x\r\n\r\n", Set.of(505));
		table.put("GET /hello HTTP/1.10\r\nHost: x\r\n\r\n", version);
		table.put("GET /hello HTTP/2.0\r\nHost: x\r\n\r\n", version);
		table.put("GET /hello HTTP/3\r\nHost: x\r\n\r\n", version);
		table.put("GET /hello http/1.1\r\nHost: x\r\n\r\n", version);
		table.put("GET /hello HTTP/1.1.1\r\nHost: x\r\n\r\n", version);
		table.put("GET /hello HTTP/1.1 extra\r\nHost: x\r\n\r\n", version);
		table.put("GET /he llo HTTP/1.1\r\nHost: x\r\n\r\n", version);
		table.put("GET\r\n\r\n", version);
		table.put(" GET /hello HTTP/1.1\r\nHost: x\r\n\r\n", bad);
		table.put("GET /hello HTTP/1.1\r\nNoColonHere\r\nHost: x\r\n\r\n", bad);
		table.put("GET /hello HTTP/1.1\r\nHost : x\r\n\r\n", bad);
		table.put("GET /hello HTTP/1.1\r\nHost: x\r\nX-Bad Name: y\r\n\r\n", bad);
		table.put("GET /hello HTTP/1.1\r\nHost: x\r\nX-Ctl\u0001: y\r\n\r\n", bad);
		table.put("GET /hello HTTP/1.1\r\nHost: x\r\n: no-name\r\n\r\n", bad);
		table.put("GET /hello HTTP/1.1\r\nHost: x\r\nX-Nul: a\u0000b\r\n\r\n", bad);
		table.put("GET /hello HTTP/1.1\r\nHost: x\r\nX-Cr: a\rb\r\n\r\n", bad);
		table.put("GET /hello HTTP/1.1\r\nHost: x\r\nX-Del: a\u007fb\r\n\r\n", bad);
		// RFC 9112 5.2: obsolete line folding may be refused; Undertow's parser would
		// join it to the line before
		table.put("GET /hello HTTP/1.1\r\nHost: x\r\nX-Folded: a\r\n b\r\n\r\n", bad);
		table.put("GET /hello HTTP/1.1\r\nHost: x\r\nX-Folded: a\r\n\tb\r\n\r\n", bad);
		table.put("GET /hello HTTP/1.1\r\nX-Folded: a\r\n   \r\nHost: x\r\n\r\n", bad);
		table.put("GET /hello HTTP/1.1\r\nHost: x\r\n\tX-Tab-First: a\r\n\r\n", bad);
		table.put("GET /hello HTTP/1.1\r\nHost: x\r\nX-Tab\t: a\r\n\r\n", bad);
		table.put("GET /hello HTTP/1.1\r\nHost: x\r\nX-Utf8-\u00e9: a\r\n\r\n", bad);
		table.put("\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003", bad);
		table.put("\u0000\u0000\u0000\u0000\r\n\r\n", bad);
		table.put("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", version);
		for (Map.Entry<String, Set<Integer>> row : table.entrySet()) {
			// nginx drops a header line it finds invalid (ignore_invalid_headers on), so
			// the service never sees it; a folded line it refuses
			Set<Integer> viaNginx = (row.getKey().startsWith("GET /hello HTTP/1.1\r\n")
					&& !row.getKey().contains("X-Folded")) ? Set.of(200) : Set.of();
			cases.add(new Case("malformed", printable(row.getKey()), parts(row.getKey()), row.getValue(), true,
					List.of(), ALL, null, viaNginx));
		}
	}

	private static void smuggling(List<Case> cases) {
		String smuggled = "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n";
		List<String> headers = List.of("Content-Length: 4\r\nTransfer-Encoding: chunked",
				"Transfer-Encoding: chunked\r\nContent-Length: 4", "Content-Length: 4\r\nContent-Length: 4",
				"Content-Length: 4\r\nContent-Length: 5", "Content-Length: 4, 4", "Content-Length: +4",
				"Content-Length: -4", "Content-Length: 0x4", "Content-Length: 4.0", "Content-Length: 4 4",
				"Content-Length: 99999999999999999999999", "Content-Length: 18446744073709551620", "Content-Length: ",
				"Transfer-Encoding: xchunked", "Transfer-Encoding: chunked, identity",
				"Transfer-Encoding: identity, chunked", "Transfer-Encoding: chunked\r\nTransfer-Encoding: identity",
				"Transfer-Encoding: identity", "Transfer-Encoding: gzip", "Transfer-Encoding : chunked",
				"Transfer-Encoding: \u000bchunked", "Transfer-Encoding:\u0000chunked",
				"X: y\r\nTransfer-Encoding\r\n : chunked");
		for (String header : headers) {
			String request = "POST /test/echo HTTP/1.1\r\nHost: x\r\n" + header + "\r\n\r\n0\r\n\r\n" + smuggled;
			// nginx's own 501 for a transfer coding it does not implement is 400 in the
			// shipped sites
			cases.add(new Case("smuggling", printable(header), parts(request), Set.of(400, 413), true, List.of(), ALL,
					null));
		}
		cases.add(new Case("smuggling", "Transfer-Encoding on HTTP/1.0",
				parts("POST /test/echo HTTP/1.0\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled),
				Set.of(400), true, List.of(), ALL, null));
		cases.add(new Case("smuggling", "bad chunk size",
				parts("POST /test/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n0\r\n\r\n"
						+ smuggled),
				Set.of(400), true, List.of(), ALL, null));
		cases.add(new Case("smuggling", "chunk size overflow",
				parts("POST /test/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
						+ "fffffffffffffffffffff\r\nab\r\n0\r\n\r\n" + smuggled),
				Set.of(400, 413), true, List.of(), ALL, null));
		cases.add(new Case("smuggling", "GET with a body hiding a request",
				parts("GET /hello HTTP/1.1\r\nHost: x\r\nContent-Length: " + smuggled.length() + "\r\n\r\n" + smuggled),
				Set.of(200, 400), true, List.of(), ALL, null));
	}

	private static void methods(List<Case> cases) {
		String cookie = "\r\nCookie: s=" + COOKIE_SECRET + "\r\nX-Echo-Me: " + COOKIE_SECRET;
		Map<String, Set<Integer>> table = new LinkedHashMap<>();
		table.put("TRACE /hello HTTP/1.1\r\nHost: x" + cookie, Set.of(405));
		table.put("TRACE /about HTTP/1.1\r\nHost: x" + cookie, Set.of(405));
		table.put("TRACE * HTTP/1.1\r\nHost: x" + cookie, Set.of(400, 405));
		table.put("TRACK /hello HTTP/1.1\r\nHost: x" + cookie, Set.of(405, 501));
		table.put("OPTIONS * HTTP/1.1\r\nHost: x", Set.of(400, 405, 501));
		table.put("CONNECT localhost:443 HTTP/1.1\r\nHost: localhost:443", Set.of(400, 405));
		table.put("CONNECT /hello HTTP/1.1\r\nHost: x", Set.of(400, 405));
		table.put("FOO /hello HTTP/1.1\r\nHost: x", Set.of(405, 501));
		table.put("PROPFIND /hello HTTP/1.1\r\nHost: x", Set.of(405, 501));
		table.put("get /hello HTTP/1.1\r\nHost: x", Set.of(400, 405, 501));
		table.put("G@T /hello HTTP/1.1\r\nHost: x", Set.of(400, 405, 501));
		table.put("DELETE /hello HTTP/1.1\r\nHost: x", Set.of(405));
		table.put("PUT /about HTTP/1.1\r\nHost: x\r\nContent-Length: 0", Set.of(405));
		table.put("PATCH / HTTP/1.1\r\nHost: x\r\nContent-Length: 0", Set.of(405));
		table.put("GET http://evil.example/hello HTTP/1.1\r\nHost: x", Set.of(400));
		table.put("GET https://localhost/about HTTP/1.1\r\nHost: localhost", Set.of(400));
		table.put("GET localhost:80 HTTP/1.1\r\nHost: x", Set.of(400));
		table.put("GET * HTTP/1.1\r\nHost: x", Set.of(400));
		for (Map.Entry<String, Set<Integer>> row : table.entrySet()) {
			String head = row.getKey();
			String name = printable(head.substring(0, head.indexOf('\r')));
			// nginx accepts absolute-form targets, as RFC 9112 3.2.2 requires, and passes
			// origin-form on
			Set<Integer> viaNginx = name.startsWith("GET http") ? Set.of(200) : Set.of();
			cases.add(new Case("method abuse", name, parts(head + "\r\n\r\n"), row.getValue(), true, List.of(), ALL,
					null, viaNginx));
		}
	}

	private static void limits(List<Case> cases) {
		// Each limit answered with its status, up to what Undertow's parser holds: a head
		// of the limits' sum (823,298 bytes by default) and ten times the field limit.
		// Beyond that line, the parser's own bare 400 and a close.
		Set<Integer> beyond = Set.of(400);
		Map<String, Limit> table = new LinkedHashMap<>();
		table.put("request line of 4094 bytes", row(get("/hello?" + "a".repeat(4094 - 20)), Set.of(200), DIRECT));
		for (int size : new int[] { 4095, 5000, 10_000, 65_536, 100_000, 800_000 }) {
			table.put("request line of %,d bytes".formatted(size),
					row(get("/hello?" + "a".repeat(size - 20)), Set.of(414), ALL));
		}
		table.put("request line of 2 MiB, beyond the parser", row(get("/" + "a".repeat(2 << 20)), beyond, ALL));
		table.put("header field of 8190 bytes",
				row(get("/hello", "X-Big: " + "b".repeat(8190 - 7)), Set.of(200), DIRECT));
		for (int size : new int[] { 8191, 9000, 100_000 }) {
			table.put("header field of %,d bytes".formatted(size),
					row(get("/hello", "X-Big: " + "b".repeat(size - 7)), Set.of(431), ALL));
		}
		// get() sends Host and Cookie: two fields more
		table.put("100 header fields", row(get("/hello", fields(98)), Set.of(200), DIRECT));
		table.put("101 header fields", row(get("/hello", fields(99)), Set.of(431), ALL));
		table.put("1,000 header fields", row(get("/hello", fields(998)), Set.of(431), ALL));
		table.put("1,001 header fields, beyond the parser", row(get("/hello", fields(999)), beyond, ALL));
		table.put("10,000 header fields, beyond the parser", row(get("/hello", fields(10_000)), beyond, ALL));
		table.put("1 MiB of header fields, beyond the parser", row(get("/hello", fields(128, 8000)), beyond, ALL));
		for (Map.Entry<String, Limit> row : table.entrySet()) {
			Limit limit = row.getValue();
			// a status is required, except beyond the parser, which may close before it
			// has read all that was sent
			cases.add(new Case("limits", row.getKey(), parts(limit.request()), limit.statuses(),
					limit.statuses() == beyond, List.of(), limit.transports(), null));
		}
		cases.add(new Case("limits", "body declared 10 MiB + 1", parts(post(10 * 1024 * 1024 + 1, 0)), Set.of(413),
				true, List.of(), ALL, null));
		cases.add(new Case("limits", "huge Content-Length on a GET",
				parts("GET /hello HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999999999\r\n\r\n"), Set.of(413), true,
				List.of(), ALL, null));
		cases.add(new Case("limits", "chunked body over 10 MiB", List.of(chunkedHead(), chunks(11)), Set.of(413), true,
				List.of(), ALL, null));
		cases.add(
				new Case("limits", "body of 1 KiB", parts(post(1024, 1024)), Set.of(200), false, List.of(), ALL, null));
	}

	private static void forwarded(List<Case> cases) {
		// Over TCP the suite's client is no trusted proxy, and nginx overwrites these:
		// neither may reach the service. Its own Unix socket is trusted by design.
		Set<Transport> untrusted = EnumSet.of(Transport.TCP, Transport.NGINX);
		for (String header : List.of("X-Forwarded-For: 6.6.6.6", "X-Forwarded-For: 6.6.6.6, 127.0.0.1",
				"X-Real-IP: 6.6.6.6", "X-Forwarded-Proto: https", "X-Forwarded-Host: evil.example",
				"X-Forwarded-Port: 6666", "Forwarded: for=6.6.6.6;proto=https;host=evil.example")) {
			cases.add(new Case("forwarded spoofing", header, parts(get("/test/client", header)), Set.of(200), false,
					List.of("6.6.6.6", "evil.example", "secure=true", "6666"), untrusted, null));
		}
		for (String header : List.of("X-Forwarded-For: not-an-address", "X-Forwarded-For: 999.1.1.1",
				"X-Forwarded-For: ,,,", "X-Forwarded-For: [::1",
				"X-Forwarded-For: " + "1.2.3.4, ".repeat(700) + "5.6.7.8", "X-Forwarded-Proto: javascript",
				"X-Forwarded-Port: 99999999999", "X-Forwarded-Port: -1", "X-Forwarded-Host: a b",
				"X-Real-IP: <script>")) {
			cases.add(new Case("forwarded spoofing", header.length() > 60 ? header.substring(0, 60) + "..." : header,
					parts(get("/test/client", header)), Set.of(200, 400), false, List.of("<script>"), ALL, null));
		}
	}

	private static void crlf(List<Case> cases) {
		for (String path : List.of("/%0d%0aX-Injected:%20yes", "/hello%0d%0aX-Injected:%20yes",
				"/about?q=%0d%0aX-Injected:%20yes", "/%0aX-Injected:%20yes", "/%0dX-Injected:%20yes",
				"/test/redirect?x=%0d%0aX-Injected:%20yes", "/%E5%98%8A%E5%98%8DX-Injected:%20yes",
				"/%u000dX-Injected:%20yes")) {
			cases.add(new Case("CRLF injection", path, parts(get(path)), Set.of(200, 302, 400, 404), true,
					List.of("\r\nX-Injected"), ALL, null));
		}
		for (String raw : List.of("GET /a\rX-Injected: yes HTTP/1.1\r\nHost: x\r\n\r\n",
				"GET /a\nX-Injected: yes HTTP/1.1\r\nHost: x\r\n\r\n",
				"GET /about?q=a\r\nX-Injected: yes HTTP/1.1\r\nHost: x\r\n\r\n")) {
			cases.add(new Case("CRLF injection", printable(raw), parts(raw), Set.of(400, 404, 505), true,
					List.of("\r\nX-Injected"), ALL, null));
		}
	}

	private static void errorPages(List<Case> cases) {
		List<String> secrets = List.of("secret detail of the failure", "IllegalStateException", "trace", "exception",
				"NumberFormat", "MethodArgument");
		Map<String, Set<Integer>> table = new LinkedHashMap<>();
		table.put(get("/test/failure", "Accept: text/html"), Set.of(500));
		table.put(get("/test/failure", "Accept: application/json"), Set.of(500));
		table.put(get("/test/failure"), Set.of(500));
		table.put(get("/no-such-page", "Accept: application/json"), Set.of(404));
		table.put(get("/test/large?bytes=abc", "Accept: application/json"), Set.of(400));
		table.put(get("/test/large?bytes=abc", "Accept: text/html"), Set.of(400));
		table.put(get("/test/large", "Accept: application/json"), Set.of(400));
		table.put(get("/hello?x=%"), Set.of(200, 400));
		table.put(get("/%"), Set.of(400, 404));
		table.put(get("/%zz"), Set.of(400, 404));
		table.put(get("/%ff%fe"), Set.of(400, 404));
		table.put(get("/about?%ff=%fe"), Set.of(200, 400));
		table.put(get("/hello", "Accept: application/xml"), Set.of(200, 404, 406));
		table.put(get("/about", "Accept: */*;q=abc"), Set.of(200, 400, 406));
		table.put(get("/about", "Accept: garbage/"), Set.of(200, 400, 406));
		table.put(get("/hello", "Content-Type: ;;;"), Set.of(200, 400, 415));
		// Undertow's media type parser fails on an empty last parameter
		table.put(get("/hello", "Content-Type: text/plain; charset="), Set.of(400));
		table.put(get("/about", "Content-Type: text/html;charset= "), Set.of(400));
		table.put(post(5, 5).replace("text/plain", "text/plain; charset="), Set.of(400));
		table.put(get("/hello", "Content-Type: text/plain; charset=nope"), Set.of(200));
		table.put(post(5, 5).replace("text/plain", "text/plain; charset=nope"), Set.of(200, 400, 415));
		table.put(get("/hello", "If-Modified-Since: garbage", "If-None-Match: \"x"), Set.of(200));
		table.put(get("/pages/site.css", "If-None-Match: garbage", "If-Range: garbage", "Range: bytes=0-1"),
				Set.of(200, 206));
		table.put(get("/pages/site.css", "If-Modified-Since: Sun, 06 Nov 1994 08:49:37 GMTx"), Set.of(200));
		table.put(get("/about", "Cookie: " + "a=b; ".repeat(300)), Set.of(200, 400, 431));
		table.put(get("/about", "Accept-Language: ***;q=x"), Set.of(200, 400));
		table.put(post(5, 5).replace("text/plain", "application/json"), Set.of(200, 400, 415));
		// the body never arrives in full: 408 when the request-body timeout ends the wait
		table.put("POST /test/echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\r\n12345",
				Set.of(400, 408));
		for (Map.Entry<String, Set<Integer>> row : table.entrySet()) {
			String head = row.getKey();
			// a truncated body waits for a read timeout, nginx's client_body_timeout
			// through nginx
			boolean truncated = head.endsWith("12345");
			cases.add(new Case("error-page leaks", printable(head.substring(0, head.indexOf("\r\n\r\n"))), parts(head),
					row.getValue(), truncated, secrets, ALL, null));
		}
	}

	/**
	 * Clients that stall, each cut off within its timeout and a margin: the service's own
	 * (2 s here), or nginx's client_header_timeout and client_body_timeout, which the
	 * nginx run sets as short ({@link #NGINX_TIMEOUTS}).
	 */
	private static void slowClients(List<Case> cases) {
		Duration cutOff = Duration.ofSeconds(2).plus(Duration.ofSeconds(3));
		List<byte[]> dribble = new ArrayList<>();
		dribble.add(bytes("GET /hello HTTP/1.1\r\nHost: x\r\n"));
		for (int i = 0; i < 30; i++) {
			dribble.add(bytes("X-" + i + ": y\r\n"));
		}
		Map<String, List<byte[]>> table = new LinkedHashMap<>();
		table.put("connects and sends nothing", List.of(new byte[0]));
		table.put("half a request line, then nothing", List.of(bytes("GET /hel")));
		table.put("headers without their end, then nothing", List.of(bytes("GET /hello HTTP/1.1\r\nHost: x\r\n")));
		table.put("slowloris: a header field every 500 ms", dribble);
		table.put("half a body, then nothing", List.of(bytes(
				"POST /test/echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\n12345")));
		table.put("POST /hello: 5 bytes of a 100,000-byte body, then nothing", List.of(bytes(
				"POST /hello HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\nxxxxx")));
		table.put("POST /about: part of a chunk, then nothing", List.of(bytes(
				"POST /about HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
						+ "64\r\nxxxxx")));
		table.forEach((name, parts) -> cases
			.add(new Case("slow clients", name, parts, Set.of(408, 400), true, List.of(), ALL, cutOff)));
		// larger than the body buffer: a request thread takes it and answers at once, and
		// the connection is closed rather than the rest of the body waited for
		cases.add(new Case("slow clients", "PUT /no-such-page: 100 KiB of a 1 MiB body, then nothing",
				List.of(bytes("PUT /no-such-page HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: "
						+ (1 << 20) + "\r\n\r\n" + "y".repeat(100 * 1024))),
				Set.of(404, 405, 408), true, List.of(), ALL, cutOff));
		// a body whose every read is on time, but whose whole never is: cut off by the
		// request-body timeout. nginx's client_body_timeout is per read, and nginx holds
		// the body until it is whole, so through nginx it costs nginx a connection, and
		// the service nothing.
		List<byte[]> trickle = new ArrayList<>();
		trickle.add(bytes(
				"POST /test/echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\n"));
		for (int i = 0; i < 20; i++) {
			trickle.add(bytes("t"));
		}
		cases.add(new Case("slow clients", "a body trickling a byte every 500 ms", trickle, Set.of(408), true,
				List.of(), DIRECT, cutOff));
		List<byte[]> trickleToHello = new ArrayList<>(trickle);
		trickleToHello.set(0,
				bytes("POST /hello HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\n"));
		cases.add(new Case("slow clients", "POST /hello: a body trickling a byte every 500 ms", trickleToHello,
				Set.of(408), true, List.of(), DIRECT, cutOff));
	}

	/**
	 * Many cookies reach no exception: hello keeps no sessions, so nothing parses them
	 * (Undertow's parser stops at 200 cookies with an exception).
	 */
	private static void cookies(List<Case> cases) {
		StringBuilder many = new StringBuilder("Cookie: ");
		for (int i = 0; i < 300; i++) {
			many.append((i > 0) ? "; " : "").append('c').append(i).append("=1");
		}
		List<String> headers = new ArrayList<>();
		for (int header = 0; header < 10; header++) {
			StringBuilder cookie = new StringBuilder("Cookie: ");
			for (int i = 0; i < 300; i++) {
				cookie.append((i > 0) ? "; " : "").append('h').append(header).append('x').append(i).append("=1");
			}
			headers.add(cookie.toString());
		}
		String thousands = String.join("\r\n", headers);
		Map<String, Set<Integer>> targets = new LinkedHashMap<>();
		targets.put("/hello", Set.of(200));
		targets.put("/about", Set.of(200));
		targets.put("/", Set.of(200));
		targets.put("/pages/site.css", Set.of(200));
		targets.put("/no-such-page", Set.of(404));
		targets.put("/test/failure", Set.of(500));
		for (Map.Entry<String, Set<Integer>> target : targets.entrySet()) {
			for (String accept : List.of("text/html", "application/json", "*/*")) {
				// /hello is text/plain: a client that takes only HTML or JSON gets no
				// Hello
				Set<Integer> statuses = (target.getKey().equals("/hello") && !accept.equals("*/*")) ? Set.of(404, 406)
						: target.getValue();
				cases.add(new Case("cookies", "300 cookies on " + target.getKey() + ", Accept: " + accept,
						parts(get(target.getKey(), many.toString(), "Accept: " + accept)), statuses, false, List.of(),
						ALL, null));
			}
			// Undertow joins the Cookie fields into one, which is then over the field
			// size limit
			Set<Integer> statuses = new HashSet<>(target.getValue());
			statuses.add(431);
			cases.add(new Case("cookies", "3,000 cookies in 10 fields on " + target.getKey(),
					parts(get(target.getKey(), thousands)), statuses, false, List.of(), ALL, null));
		}
		cases.add(new Case("cookies", "a session cookie that names no session",
				parts(get("/about", "Cookie: JSESSIONID=" + "A".repeat(32))), Set.of(200), false, List.of("Set-Cookie"),
				ALL, null));
	}

	/**
	 * RFC 9110 14.2 on the static files, whatever the Accept header: a range unit other
	 * than bytes, or a range set that is not well-formed, is ignored (the whole file);
	 * one that cannot be satisfied gets 416; a good one 206. Through nginx, which may
	 * apply a range to a whole file itself, any 4xx passes as well.
	 */
	private static void ranges(List<Case> cases) {
		StringBuilder many = new StringBuilder("bytes=");
		for (int i = 0; i < 150; i++) {
			many.append((i > 0) ? "," : "").append(i).append('-').append(i);
		}
		Map<String, Set<Integer>> table = new LinkedHashMap<>();
		table.put("bytes=0-9", Set.of(206));
		table.put("Bytes=0-9", Set.of(206));
		table.put("bytes=-10", Set.of(206));
		table.put("bytes=0-0,5-9", Set.of(206));
		table.put("bytes=99999999-", Set.of(416));
		table.put("bytes=99999999-99999999", Set.of(416));
		table.put("bytes=-0", Set.of(416));
		table.put("bytes=5-1", Set.of(200));
		table.put("garbage", Set.of(200));
		table.put("pages=0-1", Set.of(200));
		table.put("bytes=", Set.of(200));
		table.put("bytes=a-b", Set.of(200));
		table.put("bytes=0-1;x", Set.of(200));
		table.put("bytes=--1", Set.of(200));
		table.put("bytes=0-99999999999999999999", Set.of(200));
		table.put("bytes=0-1,,2-3", Set.of(200));
		table.put("150 ranges", Set.of(200));
		for (Map.Entry<String, Set<Integer>> row : table.entrySet()) {
			String range = row.getKey().equals("150 ranges") ? many.toString() : row.getKey();
			for (String accept : List.of("", "text/html", "application/json", "text/css", "*/*", "application/xml")) {
				String[] headers = accept.isEmpty() ? new String[] { "Range: " + range }
						: new String[] { "Range: " + range, "Accept: " + accept };
				String name = "Range: " + row.getKey() + (accept.isEmpty() ? "" : ", Accept: " + accept);
				cases.add(new Case("ranges", name, parts(get("/pages/site.css", headers)), row.getValue(), false,
						List.of(), ALL, null));
			}
		}
		// the client closes: a HEAD answer has a length and no body
		cases.add(new Case("ranges", "Range on HEAD: bytes=99999999-", parts(
				get("/pages/site.css", "Range: bytes=99999999-", "Connection: close").replaceFirst("GET", "HEAD")),
				Set.of(416), false, List.of(), ALL, null));
		cases.add(new Case("ranges", "two Range fields", parts(get("/pages/site.css", "Range: bytes=0-1", "Range: x")),
				Set.of(200), false, List.of(), ALL, null));
		cases.add(new Case("ranges", "Range on a page: bytes=99999999-",
				parts(get("/about", "Range: bytes=99999999-", "Accept: application/json")), Set.of(200), false,
				List.of(), ALL, null));
	}

	/**
	 * RFC 9112's framing: a chunk line ends in CRLF, or the request gets 400 and nothing
	 * after it is read; no empty Accept-Patch (RFC 5789 3.1).
	 */
	private static void framing(List<Case> cases) {
		String smuggled = "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n";
		Map<String, String> chunks = new LinkedHashMap<>();
		chunks.put("chunk size line ended by a bare LF", "5\nhello\r\n0\r\n\r\n");
		chunks.put("chunk data ended by a bare LF", "5\r\nhello\n0\r\n\r\n");
		chunks.put("chunk extension ended by a bare LF", "5;x=y\nhello\r\n0\r\n\r\n");
		chunks.put("last chunk ended by a bare LF", "5\r\nhello\r\n0\n\r\n");
		chunks.put("trailer section ended by a bare LF", "5\r\nhello\r\n0\r\n\n");
		chunks.put("trailer field ended by a bare LF", "5\r\nhello\r\n0\r\nX-T: y\n\r\n");
		chunks.put("chunk size line ended by a bare CR", "5\rhello\r\n0\r\n\r\n");
		chunks.put("chunk data longer than its size", "5\r\nhello!\r\n0\r\n\r\n");
		chunks.put("chunk size with a sign", "+5\r\nhello\r\n0\r\n\r\n");
		chunks.put("chunk size with space before it", " 5\r\nhello\r\n0\r\n\r\n");
		for (Map.Entry<String, String> chunk : chunks.entrySet()) {
			String head = "POST /test/echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
					+ "Transfer-Encoding: chunked\r\n\r\n";
			// nginx reads a chunked body itself, and may take a bare LF as CRLF: it then
			// passes the body on with a length
			cases.add(new Case("framing", chunk.getKey(), parts(head + chunk.getValue()), Set.of(400), true, List.of(),
					ALL, null, Set.of(200)));
			cases.add(new Case("framing", chunk.getKey() + ", then a request",
					parts(head + chunk.getValue() + smuggled), Set.of(400), true, List.of(), DIRECT, null));
		}
		cases.add(new Case("framing", "well-framed chunks with an extension and a trailer",
				parts("POST /test/echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
						+ "Transfer-Encoding: chunked\r\n\r\n5;a=b\r\nhello\r\n0\r\nX-T: y\r\n\r\n"),
				Set.of(200), false, List.of(), ALL, null));
		for (String connection : List.of("Connection: x-probe, close", "Connection: keep-alive\r\nConnection: close")) {
			cases.add(new Case("framing", printable(connection) + ", then a request",
					parts(get("/hello", connection) + smuggled), Set.of(200), false, List.of(), ALL, null));
		}
		for (String path : List.of("/about", "/hello", "/", "/pages/site.css", "/no-such-page")) {
			cases.add(new Case("framing", "OPTIONS " + path + " has no empty Accept-Patch",
					parts(get(path).replaceFirst("GET", "OPTIONS")), Set.of(200, 204, 404), false,
					List.of("Accept-Patch: \r\n", "Accept-Patch:\r\n"), ALL, null));
		}
	}

	private static Limit row(String request, Set<Integer> statuses, Set<Transport> transports) {
		return new Limit(request, statuses, transports);
	}

	/** A row of the limits' table. */
	private record Limit(String request, Set<Integer> statuses, Set<Transport> transports) {

	}

	private static String get(String target, String... headers) {
		StringBuilder request = new StringBuilder(
				"GET " + target + " HTTP/1.1\r\nHost: localhost\r\nCookie: s=" + COOKIE_SECRET + "\r\n");
		for (String header : headers) {
			request.append(header).append("\r\n");
		}
		return request.append("\r\n").toString();
	}

	/**
	 * A POST to the echo endpoint declaring {@code declared} bytes and sending
	 * {@code sent}.
	 */
	private static String post(int declared, int sent) {
		return "POST /test/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: " + declared
				+ "\r\n\r\n" + "p".repeat(sent);
	}

	private static String fields(int count) {
		return fields(count, 1);
	}

	private static String fields(int count, int size) {
		StringBuilder fields = new StringBuilder();
		for (int i = 0; i < count; i++) {
			fields.append((i > 0) ? "\r\n" : "").append("X-F").append(i).append(": ").append("v".repeat(size));
		}
		return fields.toString();
	}

	private static byte[] chunkedHead() {
		return bytes("POST /test/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
				+ "Transfer-Encoding: chunked\r\n\r\n");
	}

	private static byte[] chunks(int mebibytes) {
		String chunk = "100000\r\n" + "c".repeat(1 << 20) + "\r\n";
		return bytes(chunk.repeat(mebibytes) + "0\r\n\r\n");
	}

	private static List<byte[]> parts(String request) {
		return List.of(bytes(request));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	/** A test name: control characters as escapes, at most 100 characters. */
	static String printable(String text) {
		StringBuilder out = new StringBuilder();
		for (char c : text.toCharArray()) {
			out.append((c < 0x20 || c >= 0x7f) ? String.format("\\x%02x", (int) c) : String.valueOf(c));
		}
		return (out.length() > 100) ? out.substring(0, 100) + "..." : out.toString();
	}

}
