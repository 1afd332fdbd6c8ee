package com.example.hello.adversarial;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.example.hello.deployment.HelloEnv;
import com.example.hello.support.HttpTestClient;
import com.example.hello.support.Listeners;
import com.example.hello.support.RawExchange;
import com.example.hello.support.TcpAndUnixSocket;
import com.example.hello.support.TestEndpoints;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 25's proof: with the threads {@code hello.env} ships (one I/O thread, four
 * request threads), 64 connections that each send part of a body and then stall or
 * trickle do not delay {@code GET /hello} on the same listener by more than a second, and
 * each of them is closed within {@code hello.http.timeouts.request-body}, over TCP and
 * over the Unix socket. The read timeout is left at its 75 s, so that only the body's own
 * bound can close the stalled ones in time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "hello.http.timeouts.request-body=" + SlowBodiesIntegrationTests.BODY_TIMEOUT_SECONDS + "s")
@ActiveProfiles("test")
@Import(TestEndpoints.class)
@TcpAndUnixSocket
class SlowBodiesIntegrationTests {

	static final int BODY_TIMEOUT_SECONDS = 3;

	private static final Duration BODY_TIMEOUT = Duration.ofSeconds(BODY_TIMEOUT_SECONDS);

	/** Room for a busy machine between the deadline and the close being seen. */
	private static final Duration MARGIN = Duration.ofMillis(1500);

	private static final Duration MAX_DELAY = Duration.ofSeconds(1);

	private static final int CONNECTIONS = 64;

	@Autowired
	private Listeners listeners;

	@DynamicPropertySource
	static void threadsOfHelloEnv(DynamicPropertyRegistry registry) throws IOException {
		Map<String, String> env = HelloEnv.settings();
		registry.add("server.undertow.threads.io", () -> env.get("SERVER_UNDERTOW_THREADS_IO"));
		registry.add("server.undertow.threads.worker", () -> env.get("SERVER_UNDERTOW_THREADS_WORKER"));
	}

	@Test
	void slowBodiesOverTcpNeitherDelayHelloNorOutliveTheirBound() throws Exception {
		assertSlowBodiesBounded(new InetSocketAddress("127.0.0.1", this.listeners.port()), this.listeners.tcp());
	}

	@Test
	void slowBodiesOverTheUnixSocketNeitherDelayHelloNorOutliveTheirBound() throws Exception {
		assertSlowBodiesBounded(UnixDomainSocketAddress.of(this.listeners.socket()), this.listeners.unix());
	}

	/**
	 * A client that waits for {@code 100 Continue} before it sends its body gets it from
	 * the I/O thread, which then reads the body.
	 */
	@Test
	void aClientExpectingContinueGetsItOnBothListeners() {
		for (HttpTestClient client : List.of(this.listeners.tcp(), this.listeners.unix())) {
			RawExchange result = client.sendInParts(
					List.of(bytes(post("/test/echo", 5).replace("\r\n\r\n", "\r\nExpect: 100-continue\r\n\r\n")),
							bytes("hello")),
					Duration.ofMillis(500), Duration.ofSeconds(10));
			assertThat(result.statuses()).as(result.text()).containsExactly(100, 200);
			assertThat(result.text()).endsWith("hello");
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	private static String post(String path, int length) {
		return "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: " + length
				+ "\r\n\r\n";
	}

	private static void assertSlowBodiesBounded(SocketAddress address, HttpTestClient hello) throws Exception {
		// the answers the slow connections get, once each first: what is measured is
		// waiting, not the first run of cold code on a shared machine
		for (int i = 0; i < 5; i++) {
			assertThat(hello.get("/hello").status()).isEqualTo(200);
			assertThat(hello.exchange(post("/hello", 5) + "hello").status()).isEqualTo(405);
			assertThat(hello.exchange(post("/test/echo", 5) + "hello").status()).isEqualTo(200);
		}
		List<Slow> slow = new ArrayList<>();
		for (int i = 0; i < CONNECTIONS; i++) {
			slow.add(Slow.open(address, i % 4));
		}
		long start = System.nanoTime();
		long end = start + BODY_TIMEOUT.plus(MARGIN).plus(MARGIN).toNanos();
		long slowestHello = 0;
		int hellos = 0;
		StringBuilder timeline = new StringBuilder();
		while (System.nanoTime() < end && !slow.stream().allMatch(Slow::closed)) {
			for (Slow connection : slow) {
				connection.poll();
			}
			long before = System.nanoTime();
			HttpTestClient.Response response = hello.get("/hello");
			long took = System.nanoTime() - before;
			assertThat(response.status()).isEqualTo(200);
			timeline.append(String.format(" %d+%d", (before - start) / 1_000_000, took / 1_000_000));
			slowestHello = Math.max(slowestHello, took);
			hellos++;
			Thread.sleep(100);
		}
		for (Slow connection : slow) {
			connection.poll();
		}
		assertThat(hellos).as("GET /hello answered while the slow bodies were open").isGreaterThan(5);
		assertThat(Duration.ofNanos(slowestHello))
			.as("the slowest GET /hello of %d (ms from the start + ms taken:%s)", hellos, timeline)
			.isLessThan(MAX_DELAY);
		for (Slow connection : slow) {
			assertThat(connection.closed()).as("%s closed", connection).isTrue();
			assertThat(connection.closedAfter()).as("%s closed within %s", connection, BODY_TIMEOUT)
				.isLessThan(BODY_TIMEOUT.plus(MARGIN));
		}
	}

	/** One connection that sends part of a body, then stalls or trickles. */
	private static final class Slow {

		private static final String[] KINDS = { "a stalled body to POST /hello", "a stalled body to POST /test/echo",
				"a body trickling to POST /test/echo", "100 KiB of a 1 MiB body to POST /hello, then a stall" };

		private final SocketChannel channel;

		private final int kind;

		private final long opened = System.nanoTime();

		private long closed;

		private long lastTrickle = System.nanoTime();

		private final StringBuilder received = new StringBuilder();

		private Slow(SocketChannel channel, int kind) {
			this.channel = channel;
			this.kind = kind;
		}

		static Slow open(SocketAddress address, int kind) throws IOException {
			SocketChannel channel = SocketChannel.open((address instanceof UnixDomainSocketAddress)
					? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET);
			channel.connect(address);
			String head = switch (kind) {
				case 0 -> post("/hello", 100_000) + "xxxxx";
				case 1 -> post("/test/echo", 100_000) + "xxxxx";
				case 2 -> post("/test/echo", 100_000) + "t";
				default -> post("/hello", 1 << 20) + "y".repeat(100 * 1024);
			};
			ByteBuffer bytes = ByteBuffer.wrap(head.getBytes(StandardCharsets.ISO_8859_1));
			while (bytes.hasRemaining()) {
				channel.write(bytes);
			}
			channel.configureBlocking(false);
			return new Slow(channel, kind);
		}

		/** Reads what came, notes a close, and trickles a byte every 250 ms. */
		void poll() {
			if (this.closed != 0) {
				return;
			}
			ByteBuffer in = ByteBuffer.allocate(4096);
			try {
				for (int read = this.channel.read(in); read != 0; read = this.channel.read(in)) {
					if (read < 0) {
						close();
						return;
					}
					this.received.append(new String(in.array(), 0, read, StandardCharsets.ISO_8859_1));
					in.clear();
				}
				if (this.kind == 2 && System.nanoTime() - this.lastTrickle > 250_000_000L) {
					this.channel.write(ByteBuffer.wrap(new byte[] { 't' }));
					this.lastTrickle = System.nanoTime();
				}
			}
			catch (IOException ex) {
				close(); // reset
			}
		}

		private void close() {
			this.closed = System.nanoTime();
			try {
				this.channel.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		boolean closed() {
			return this.closed != 0;
		}

		Duration closedAfter() {
			return Duration.ofNanos(this.closed - this.opened);
		}

		@Override
		public String toString() {
			String status = this.received.length() >= 12 ? this.received.substring(0, 12) : this.received.toString();
			return KINDS[this.kind] + " (received " + status.strip() + ")";
		}

	}

}
