package com.example.hello.server;

import java.io.UncheckedIOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.example.hello.support.HttpTestClient;
import com.example.hello.support.HttpTestClient.Connection;
import com.example.hello.support.Listeners;
import com.example.hello.support.TcpAndUnixSocket;
import com.example.hello.support.TestEndpoints;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that sends a request's head and half its body, then stalls, is cut off by the
 * read timeout alone, on the Unix socket as on TCP; one that stops reading a large
 * response, by the write timeout. The request-headers timeout is far longer here, and the
 * idle timeout (no longer than read) only runs between requests, so only the socket read
 * and write timeouts, set on each connection as it is accepted, can end the wait.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "hello.http.timeouts.read=1s", "hello.http.timeouts.write=1s", "hello.http.timeouts.idle=1s",
				"hello.http.timeouts.request-headers=60s" })
@ActiveProfiles("test")
@Import(TestEndpoints.class)
@TcpAndUnixSocket
class SlowClientTimeoutTests {

	@Autowired
	private Listeners listeners;

	/** The read timeout, plus room for a busy machine; far below the other timeouts. */
	private static final Duration CUT_OFF = Duration.ofSeconds(8);

	@LocalServerPort
	private int port;

	@Test
	void aHalfSentBodyStalledOnTheUnixSocketIsCutOff() {
		assertCutOff(this.listeners.unix());
	}

	@Test
	void aHalfSentBodyStalledOnTcpIsCutOff() {
		assertCutOff(HttpTestClient.tcp(this.port));
	}

	@Test
	void aClientThatStopsReadingOnTheUnixSocketIsCutOff() throws InterruptedException {
		assertCutOffWhenNotReading(this.listeners.unix());
	}

	@Test
	void aClientThatStopsReadingOnTcpIsCutOff() throws InterruptedException {
		assertCutOffWhenNotReading(HttpTestClient.tcp(this.port));
	}

	/**
	 * Asks for far more than the socket buffers hold, reads nothing for a while, then
	 * reads what is left: the server gave up writing, so the response ends early.
	 */
	private static void assertCutOffWhenNotReading(HttpTestClient client) throws InterruptedException {
		int size = 64 * 1024 * 1024;
		long received = 0;
		try (Connection connection = client.open()) {
			connection.send(HttpTestClient.request("GET", "/test/large?bytes=" + size));
			Thread.sleep(4000); // four write timeouts: the client that stopped reading
			try {
				for (int read = connection.readSome(64 * 1024); read > 0; read = connection.readSome(64 * 1024)) {
					received += read;
				}
			}
			catch (UncheckedIOException ex) {
				// reset by the server: cut off too
			}
		}
		assertThat(received).as("bytes received of a %d-byte response", size).isLessThan(size);
		assertThat(client.get("/hello").body()).isEqualTo("Hello World!");
	}

	private static void assertCutOff(HttpTestClient client) {
		long start = System.nanoTime();
		try (Connection connection = client.open()) {
			connection.send("POST /test/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
					+ "Content-Length: 100\r\n\r\n12345");
			// drains whatever the server answers, until it closes: -1 is the close
			int read;
			do {
				read = connection.readSome(64 * 1024);
			}
			while (read > 0 && Duration.ofNanos(System.nanoTime() - start).compareTo(CUT_OFF) < 0);
			assertThat(read).as("connection closed").isEqualTo(-1);
		}
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(CUT_OFF);
		assertThat(client.get("/hello").body()).isEqualTo("Hello World!");
	}

}
