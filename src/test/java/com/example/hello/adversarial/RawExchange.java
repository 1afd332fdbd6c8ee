package com.example.hello.adversarial;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
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
record RawExchange(List<Integer> statuses, String text, boolean closed, Duration elapsed) {

	/**
	 * How long to wait for more after a complete response: a second one would be late.
	 */
	private static final Duration QUIET = Duration.ofMillis(300);

	/**
	 * Sends the request in parts, pausing between them, then reads until the server
	 * closes, or is quiet for a moment after a complete response, or the wait is over.
	 */
	static RawExchange send(SocketAddress address, List<byte[]> parts, Duration pause, Duration wait)
			throws IOException {
		long start = System.nanoTime();
		long deadline = start + wait.toNanos();
		ByteArrayOutputStream received = new ByteArrayOutputStream();
		boolean closed = false;
		try (SocketChannel channel = SocketChannel.open((address instanceof UnixDomainSocketAddress)
				? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET); Selector selector = Selector.open()) {
			channel.connect(address);
			channel.configureBlocking(false);
			SelectionKey key = channel.register(selector, 0);
			for (int i = 0; i < parts.size() && !closed; i++) {
				if (i > 0) {
					closed = readFor(channel, key, selector, received, System.nanoTime() + pause.toNanos(), false);
				}
				if (!closed) {
					closed = !write(channel, key, selector, ByteBuffer.wrap(parts.get(i)), deadline);
				}
			}
			long quietUntil = Long.MAX_VALUE;
			while (!closed && System.nanoTime() < Math.min(deadline, quietUntil)) {
				int before = received.size();
				closed = readFor(channel, key, selector, received, Math.min(deadline, quietUntil), true);
				if (received.size() != before || quietUntil == Long.MAX_VALUE) {
					quietUntil = complete(received.toString(StandardCharsets.ISO_8859_1)).isEmpty() ? Long.MAX_VALUE
							: System.nanoTime() + QUIET.toNanos();
				}
			}
		}
		String text = received.toString(StandardCharsets.ISO_8859_1);
		return new RawExchange(complete(text), text, closed, Duration.ofNanos(System.nanoTime() - start));
	}

	/** Writes all; {@code false} if the server closed the connection first. */
	private static boolean write(SocketChannel channel, SelectionKey key, Selector selector, ByteBuffer out,
			long deadline) throws IOException {
		try {
			while (out.hasRemaining() && System.nanoTime() < deadline) {
				if (channel.write(out) == 0) {
					key.interestOps(SelectionKey.OP_WRITE);
					selector.select(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
					selector.selectedKeys().clear();
				}
			}
			return true;
		}
		catch (IOException ex) {
			return false; // the server gave up on this request: what some cases expect
		}
	}

	/**
	 * Reads what arrives until the given time, or until what arrived has been read when
	 * {@code returnOnData}; {@code true} once the server closed.
	 */
	private static boolean readFor(SocketChannel channel, SelectionKey key, Selector selector,
			ByteArrayOutputStream received, long until, boolean returnOnData) throws IOException {
		boolean got = false;
		ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
		while (true) {
			long millis = (until - System.nanoTime()) / 1_000_000;
			int read;
			try {
				read = channel.read(buffer);
			}
			catch (IOException ex) {
				return true; // reset
			}
			if (read < 0) {
				return true;
			}
			if (read > 0) {
				received.write(buffer.array(), 0, read);
				buffer.clear();
				got = true;
				continue;
			}
			if (millis <= 0 || (got && returnOnData)) {
				return false;
			}
			key.interestOps(SelectionKey.OP_READ);
			selector.select(millis);
			selector.selectedKeys().clear();
		}
	}

	/** The statuses of the complete responses at the start of the text. */
	static List<Integer> complete(String text) {
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
	int firstStatus() {
		return (this.text.startsWith("HTTP/") && this.text.length() >= 12)
				? Integer.parseInt(this.text.substring(9, 12)) : 0;
	}

	/** The header section of the first response. */
	String firstHead() {
		int end = this.text.indexOf("\r\n\r\n");
		return (end < 0) ? this.text : this.text.substring(0, end + 2);
	}

}
