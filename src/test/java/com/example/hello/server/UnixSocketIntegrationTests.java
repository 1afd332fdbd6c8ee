package com.example.hello.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.example.hello.support.HttpTestClient;
import com.example.hello.support.HttpTestClient.Connection;
import com.example.hello.support.HttpTestClient.Response;
import com.example.hello.support.Listeners;
import com.example.hello.support.TcpAndUnixSocket;
import com.example.hello.support.TestEndpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One instance listening on TCP and on a Unix socket at once, exercised over the real
 * socket with raw HTTP/1.1.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestEndpoints.class)
@TcpAndUnixSocket
class UnixSocketIntegrationTests {

	@Autowired
	private Listeners listeners;

	private static final Predicate<String> ALL = (target) -> true;

	private static final Predicate<String> SOCKETS = (target) -> target.startsWith("socket:");

	@LocalServerPort
	private int port;

	@Test
	void answersTheSameOnTcpAndOnTheUnixSocket() {
		HttpTestClient tcp = HttpTestClient.tcp(this.port);
		for (String path : List.of("/hello", "/", "/about", "/no-such-page")) {
			Response overTcp = tcp.get(path, "Accept: text/html");
			Response overUnix = this.listeners.unix().get(path, "Accept: text/html");
			assertThat(overUnix.status()).as(path).isEqualTo(overTcp.status());
			assertThat(overUnix.body()).as(path).isEqualTo(overTcp.body());
		}
		assertThat(this.listeners.unix().get("/no-such-page").status()).isEqualTo(404);
		assertThat(this.listeners.unix().get("/hello").body()).isEqualTo("Hello World!");
	}

	@Test
	void keepsAConnectionAliveForManyRequests() {
		try (Connection connection = this.listeners.unix().open()) {
			for (int i = 0; i < 500; i++) {
				Response response = connection.send(HttpTestClient.request("GET", "/hello")).read();
				assertThat(response.body()).isEqualTo("Hello World!");
				assertThat(response.header("Connection")).isNotEqualTo("close");
			}
		}
	}

	@Test
	void answersPipelinedRequestsInOrder() {
		String pipeline = HttpTestClient.request("GET", "/hello") + HttpTestClient.request("GET", "/about")
				+ HttpTestClient.request("GET", "/no-such-page") + HttpTestClient.request("GET", "/hello");
		try (Connection connection = this.listeners.unix().open().send(pipeline)) {
			assertThat(connection.read().body()).isEqualTo("Hello World!");
			assertThat(connection.read().body()).contains("<main id=\"about\">");
			assertThat(connection.read().status()).isEqualTo(404);
			assertThat(connection.read().body()).isEqualTo("Hello World!");
		}
	}

	@Test
	void answersARequestThatArrivesWhileThePreviousOneIsStillRunning() {
		try (Connection connection = this.listeners.unix().open()) {
			connection.send(HttpTestClient.request("GET", "/test/slow?millis=300"));
			await("the service to start handling the slow request").atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(10))
				.until(() -> this.listeners.unix().get("/test/slow/running").body(), "1"::equals);
			// reads are suspended while the first request runs: this one waits for it
			connection.send(HttpTestClient.request("GET", "/hello"));
			assertThat(connection.read().body()).isEqualTo("slept 300");
			assertThat(connection.read().body()).isEqualTo("Hello World!");
		}
	}

	@Test
	void sendsAResponseLargerThanOneMebibyte() {
		int size = 3 * 1024 * 1024 + 7;
		Response response = this.listeners.unix().get("/test/large?bytes=" + size);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).hasSize(size).matches("x+");
	}

	@Test
	void receivesARequestBody() {
		String body = "0123456789abcdef".repeat(16 * 1024);
		String request = "POST /test/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
				+ "Content-Length: " + body.length() + "\r\n\r\n" + body;
		Response response = this.listeners.unix().exchange(request);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(body);
	}

	@Test
	void serves200ConcurrentConnections() {
		List<Connection> connections = new ArrayList<>();
		try {
			for (int i = 0; i < 200; i++) {
				connections.add(this.listeners.unix().open());
			}
			for (Connection connection : connections) {
				connection.send(HttpTestClient.request("GET", "/test/slow?millis=20"));
			}
			for (Connection connection : connections) {
				assertThat(connection.read().body()).isEqualTo("slept 20");
			}
		}
		finally {
			connections.forEach(Connection::close);
		}
	}

	@Test
	void closesItsSideWhenAClientLeavesInTheMiddleOfAResponse() {
		long baseline = openFileDescriptors(SOCKETS);
		for (int i = 0; i < 20; i++) {
			try (Connection connection = this.listeners.unix().open()) {
				connection.send(HttpTestClient.request("GET", "/test/large?bytes=" + 16 * 1024 * 1024));
				assertThat(connection.readSome(1024)).isPositive();
			}
		}
		assertThat(this.listeners.unix().get("/hello").body()).isEqualTo("Hello World!");
		assertFileDescriptorsReturnTo(baseline, SOCKETS);
	}

	@Test
	void releasesEveryFileDescriptorAfterTenThousandShortConnections() {
		for (int i = 0; i < 100; i++) {
			this.listeners.unix().get("/hello");
		}
		long baseline = openFileDescriptors(ALL);
		for (int i = 0; i < 10_000; i++) {
			assertThat(this.listeners.unix().get("/hello").status()).isEqualTo(200);
		}
		assertFileDescriptorsReturnTo(baseline, ALL);
	}

	private static void assertFileDescriptorsReturnTo(long baseline, Predicate<String> kind) {
		// the server closes its side after the client has seen the response
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(50))
			.untilAsserted(
					() -> assertThat(openFileDescriptors(kind)).as("open file descriptors (baseline %d)", baseline)
						.isLessThanOrEqualTo(baseline));
	}

	/** Counts this JVM's open file descriptors whose target matches. */
	private static long openFileDescriptors(Predicate<String> kind) {
		try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
			return fds.filter((fd) -> {
				try {
					return kind.test(Files.readSymbolicLink(fd).toString());
				}
				catch (IOException ex) {
					return false; // closed while listing
				}
			}).count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
