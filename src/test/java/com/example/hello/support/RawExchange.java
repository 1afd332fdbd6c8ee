package com.example.hello.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Bytes sent as they are, and what came back: the statuses of the complete responses, the
 * raw text, and whether the server closed the connection. No HTTP client library stands
 * between a case and the server; every wait is bounded.
 *
 * @param statuses the status of each complete response, in order
 * @param text everything received, as ISO-8859-1
 * @param closed whether the server closed (or reset) the connection
 * @param elapsed from the first byte sent to the end of reading
 */
public record RawExchange(List<Integer> statuses, String text, boolean closed, Duration elapsed) {

	/**
	 * How long to wait for more after a complete response: a second one would be late.
	 */
	private static final Duration QUIET = Duration.ofMillis(300);

	/**
	 * Sends the request in parts over a new connection of {@code client}, pausing between
	 * them, then reads until the server closes, or is quiet for a moment after a complete
	 * response, or the wait is over.
	 */
	static RawExchange send(HttpTestClient client, List<byte[]> parts, Duration pause, Duration wait) {
		long start = System.nanoTime();
		long deadline = start + wait.toNanos();
		ByteArrayOutputStream received = new ByteArrayOutputStream();
		boolean closed = false;
		try (HttpTestClient.Connection connection = client.open()) {
			for (int i = 0; i < parts.size() && !closed; i++) {
				if (i > 0) {
					closed = connection.readInto(received, System.nanoTime() + pause.toNanos(), false);
				}
				if (!closed) {
					closed = !connection.write(parts.get(i), deadline);
				}
			}
			long quietUntil = Long.MAX_VALUE;
			while (!closed && System.nanoTime() < Math.min(deadline, quietUntil)) {
				int before = received.size();
				closed = connection.readInto(received, Math.min(deadline, quietUntil), true);
				if (received.size() != before || quietUntil == Long.MAX_VALUE) {
					quietUntil = complete(received.toString(StandardCharsets.ISO_8859_1)).isEmpty() ? Long.MAX_VALUE
							: System.nanoTime() + QUIET.toNanos();
				}
			}
		}
		String text = received.toString(StandardCharsets.ISO_8859_1);
		return new RawExchange(complete(text), text, closed, Duration.ofNanos(System.nanoTime() - start));
	}

	/** The statuses of the complete responses at the start of the text. */
	public static List<Integer> complete(String text) {
		List<Integer> statuses = new ArrayList<>();
		int at = 0;
		while (text.startsWith("HTTP/", at)) {
			int headEnd = text.indexOf("\r\n\r\n", at);
			if (headEnd < 0) {
				break;
			}
			String head = text.substring(at, headEnd);
			int status = Integer.parseInt(head.substring(9, 12));
			int bodyStart = headEnd + 4;
			String lower = head.toLowerCase(Locale.ROOT);
			int end;
			if (lower.contains("\r\ntransfer-encoding: chunked")) {
				end = chunkedEnd(text, bodyStart);
			}
			else if (lower.contains("\r\ncontent-length: ")) {
				int from = lower.indexOf("\r\ncontent-length: ") + 18;
				int length = Integer.parseInt(head
					.substring(from, lower.indexOf("\r\n", from) < 0 ? head.length() : lower.indexOf("\r\n", from))
					.trim());
				end = (text.length() >= bodyStart + length) ? bodyStart + length : -1;
			}
			else if (status == 204 || status == 304 || status < 200) {
				end = bodyStart;
			}
			else {
				end = -1; // until close: complete only when the server closed, judged by
							// the caller
			}
			if (end < 0) {
				break;
			}
			statuses.add(status);
			at = end;
		}
		return statuses;
	}

	private static int chunkedEnd(String text, int at) {
		while (true) {
			int lineEnd = text.indexOf("\r\n", at);
			if (lineEnd < 0) {
				return -1;
			}
			String size = text.substring(at, lineEnd);
			int extension = size.indexOf(';');
			int length = Integer.parseInt(((extension >= 0) ? size.substring(0, extension) : size).trim(), 16);
			if (length == 0) {
				int end = text.indexOf("\r\n", lineEnd + 2);
				return (end < 0) ? -1 : end + 2;
			}
			at = lineEnd + 2 + length + 2;
			if (at > text.length()) {
				return -1;
			}
		}
	}

	/** The first status line's status, complete response or not; 0 for none. */
	public int firstStatus() {
		return (this.text.startsWith("HTTP/") && this.text.length() >= 12)
				? Integer.parseInt(this.text.substring(9, 12)) : 0;
	}

	/** The header section of the first response. */
	public String firstHead() {
		int end = this.text.indexOf("\r\n\r\n");
		return (end < 0) ? this.text : this.text.substring(0, end + 2);
	}

}
