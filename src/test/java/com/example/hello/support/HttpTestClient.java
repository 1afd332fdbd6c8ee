package com.example.hello.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small HTTP/1.1 client over JDK socket channels, for TCP and Unix domain sockets
 * alike. It sends requests byte for byte as written (pipelining and malformed requests
 * included) and bounds every wait.
 */
public final class HttpTestClient {

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	private final SocketAddress address;

	private final InetSocketAddress localAddress;

	private final Duration timeout;

	private HttpTestClient(SocketAddress address, InetSocketAddress localAddress, Duration timeout) {
		this.address = address;
		this.localAddress = localAddress;
		this.timeout = timeout;
	}

	public static HttpTestClient tcp(int port) {
		return new HttpTestClient(new InetSocketAddress("127.0.0.1", port), null, TIMEOUT);
	}

	public static HttpTestClient unix(Path socket) {
		return new HttpTestClient(UnixDomainSocketAddress.of(socket), null, TIMEOUT);
	}

	/** The same server, reached from another loopback address such as 127.0.0.2. */
	public HttpTestClient from(String localHost) {
		return new HttpTestClient(this.address, new InetSocketAddress(localHost, 0), this.timeout);
	}

	/**
	 * The same server, waiting up to {@code timeout} for each answer (15 s unless set).
	 */
	public HttpTestClient waitingUpTo(Duration timeout) {
		return new HttpTestClient(this.address, this.localAddress, timeout);
	}

	/** {@code GET path} on a new connection that is closed afterwards. */
	public Response get(String path, String... headers) {
		try (Connection connection = open()) {
			return connection.send(request("GET", path, headers)).read();
		}
	}

	/**
	 * Sends the request in parts on a new connection, pausing between them, and keeps
	 * what came back as raw bytes: for requests no well-behaved client would send.
	 */
	public RawExchange sendInParts(List<byte[]> parts, Duration pause, Duration wait) {
		return RawExchange.send(this, parts, pause, wait);
	}

	/** Sends bytes as they are and reads one response. */
	public Response exchange(String rawRequest) {
		try (Connection connection = open()) {
			return connection.send(rawRequest).read();
		}
	}

	public Connection open() {
		try {
			SocketChannel channel = SocketChannel.open((this.address instanceof UnixDomainSocketAddress)
					? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET);
			if (this.localAddress != null) {
				channel.bind(this.localAddress);
			}
			channel.connect(this.address);
			channel.configureBlocking(false);
			return new Connection(channel, this.timeout);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot connect to " + this.address, ex);
		}
	}

	public static String request(String method, String path, String... headers) {
		StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n");
		for (String header : headers) {
			request.append(header).append("\r\n");
		}
		return request.append("\r\n").toString();
	}

	/** One HTTP response. Header names are lower case. */
	public record Response(int status, Map<String, String> headers, String body) {

		public String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

	}

	/** A connection that may carry several requests. */
	public static final class Connection implements AutoCloseable {

		private final SocketChannel channel;

		private final Selector selector;

		private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024).flip();

		private final Duration timeout;

		Connection(SocketChannel channel, Duration timeout) throws IOException {
			this.timeout = timeout;
			this.channel = channel;
			this.selector = Selector.open();
			channel.register(this.selector, 0);
		}

		public Connection send(String bytes) {
			return send(bytes.getBytes(StandardCharsets.ISO_8859_1));
		}

		public Connection send(byte[] bytes) {
			ByteBuffer out = ByteBuffer.wrap(bytes);
			long deadline = System.nanoTime() + this.timeout.toNanos();
			try {
				while (out.hasRemaining()) {
					if (this.channel.write(out) == 0) {
						await(SelectionKey.OP_WRITE, deadline);
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return this;
		}

		/** Reads one whole response. */
		public Response read() {
			long deadline = System.nanoTime() + this.timeout.toNanos();
			String statusLine = readLine(deadline);
			int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
			Map<String, String> headers = new LinkedHashMap<>();
			for (String line = readLine(deadline); !line.isEmpty(); line = readLine(deadline)) {
				int colon = line.indexOf(':');
				headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
						line.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
			}
			byte[] body;
			if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
				ByteArrayOutputStream chunks = new ByteArrayOutputStream();
				for (int size = chunkSize(deadline); size > 0; size = chunkSize(deadline)) {
					chunks.writeBytes(readBytes(size, deadline));
					readLine(deadline);
				}
				readLine(deadline);
				body = chunks.toByteArray();
			}
			else if (headers.containsKey("content-length")) {
				body = readBytes(Integer.parseInt(headers.get("content-length")), deadline);
			}
			else {
				body = readToEnd(deadline);
			}
			return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
		}

		/**
		 * Writes what it can before the deadline; {@code false} if the server closed or
		 * reset the connection first, which some requests deserve.
		 */
		boolean write(byte[] bytes, long deadline) {
			ByteBuffer out = ByteBuffer.wrap(bytes);
			SelectionKey key = this.channel.keyFor(this.selector);
			try {
				while (out.hasRemaining() && System.nanoTime() < deadline) {
					if (this.channel.write(out) == 0) {
						key.interestOps(SelectionKey.OP_WRITE);
						this.selector.select(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
						this.selector.selectedKeys().clear();
						key.interestOps(0);
					}
				}
				return true;
			}
			catch (IOException ex) {
				return false;
			}
		}

		/**
		 * Appends what arrives to {@code received} until {@code until}, or, when
		 * {@code returnOnData}, until something arrived; {@code true} once the server
		 * closed or reset the connection.
		 */
		boolean readInto(ByteArrayOutputStream received, long until, boolean returnOnData) {
			boolean got = false;
			if (this.buffer.hasRemaining()) {
				byte[] buffered = new byte[this.buffer.remaining()];
				this.buffer.get(buffered);
				received.writeBytes(buffered);
				got = true;
			}
			ByteBuffer in = ByteBuffer.allocate(64 * 1024);
			SelectionKey key = this.channel.keyFor(this.selector);
			try {
				while (true) {
					long millis = (until - System.nanoTime()) / 1_000_000;
					int read = this.channel.read(in);
					if (read < 0) {
						return true;
					}
					if (read > 0) {
						received.write(in.array(), 0, read);
						in.clear();
						got = true;
						continue;
					}
					if (millis <= 0 || (got && returnOnData)) {
						return false;
					}
					key.interestOps(SelectionKey.OP_READ);
					this.selector.select(millis);
					this.selector.selectedKeys().clear();
					key.interestOps(0);
				}
			}
			catch (IOException ex) {
				return true; // reset
			}
		}

		/** Reads up to {@code max} bytes of whatever comes, waiting for at least one. */
		public int readSome(int max) {
			long deadline = System.nanoTime() + this.timeout.toNanos();
			if (!fill(deadline)) {
				return -1;
			}
			int count = Math.min(max, this.buffer.remaining());
			this.buffer.position(this.buffer.position() + count);
			return count;
		}

		private int chunkSize(long deadline) {
			String line = readLine(deadline);
			int extension = line.indexOf(';');
			return Integer.parseInt((extension >= 0) ? line.substring(0, extension) : line, 16);
		}

		private String readLine(long deadline) {
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			while (true) {
				if (!this.buffer.hasRemaining() && !fill(deadline)) {
					throw new IllegalStateException("Connection closed in the middle of a line: " + line);
				}
				byte b = this.buffer.get();
				if (b == '\n') {
					String text = line.toString(StandardCharsets.ISO_8859_1);
					return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
				}
				line.write(b);
			}
		}

		private byte[] readBytes(int count, long deadline) {
			byte[] bytes = new byte[count];
			int done = 0;
			while (done < count) {
				if (!this.buffer.hasRemaining() && !fill(deadline)) {
					throw new IllegalStateException("Connection closed after " + done + " of " + count + " bytes");
				}
				int n = Math.min(count - done, this.buffer.remaining());
				this.buffer.get(bytes, done, n);
				done += n;
			}
			return bytes;
		}

		private byte[] readToEnd(long deadline) {
			ByteArrayOutputStream all = new ByteArrayOutputStream();
			while (this.buffer.hasRemaining() || fill(deadline)) {
				byte[] chunk = new byte[this.buffer.remaining()];
				this.buffer.get(chunk);
				all.writeBytes(chunk);
			}
			return all.toByteArray();
		}

		/** Reads more bytes into the buffer; {@code false} at end of stream. */
		private boolean fill(long deadline) {
			try {
				this.buffer.compact();
				try {
					while (true) {
						int read = this.channel.read(this.buffer);
						if (read > 0) {
							return true;
						}
						if (read < 0) {
							return false;
						}
						await(SelectionKey.OP_READ, deadline);
					}
				}
				finally {
					this.buffer.flip();
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private void await(int op, long deadline) throws IOException {
			long millis = (deadline - System.nanoTime()) / 1_000_000;
			if (millis <= 0) {
				throw new IllegalStateException("No answer within " + this.timeout);
			}
			SelectionKey key = this.channel.keyFor(this.selector);
			key.interestOps(op);
			this.selector.select(millis);
			this.selector.selectedKeys().clear();
			key.interestOps(0);
		}

		@Override
		public void close() {
			try {
				this.selector.close();
				this.channel.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
