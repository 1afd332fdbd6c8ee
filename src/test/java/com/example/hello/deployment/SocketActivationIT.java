package com.example.hello.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.example.hello.support.ChildJvm;
import com.example.hello.support.HttpTestClient;
import com.example.hello.support.HttpTestClient.Connection;
import com.example.hello.support.HttpTestClient.Response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code server.bind=fd://0}: the service on a socket it inherited, as systemd's socket
 * activation passes it, played here by the shipped launcher.
 */
class SocketActivationIT {

	/** One service on an inherited Unix socket, for the tests that only ask it. */
	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	class OnAnInheritedUnixSocket {

		private Path socket;

		private HttpTestClient client;

		private SocketLauncher service;

		@BeforeAll
		void start(@TempDir Path dir) throws IOException {
			this.socket = dir.resolve("hello.sock");
			this.client = HttpTestClient.unix(this.socket);
			// loopback is not trusted here: only the socket's own trust applies
			this.service = SocketLauncher.start(dir, "unix:" + this.socket, List.of(), this.client,
					"--spring.profiles.active=test", "--server.trusted-proxies=192.0.2.1/32");
		}

		@AfterAll
		void stop() throws InterruptedException {
			this.service.close();
		}

		@Test
		void answersHelloPagesAndNotFoundAsOnItsOwnSocket() {
			assertThat(this.client.get("/hello").body()).isEqualTo("Hello World!");
			assertThat(this.client.get("/about").body()).contains("<main id=\"about\">");
			assertThat(this.client.get("/no-such-page").status()).isEqualTo(404);
		}

		@Test
		void keepsAConnectionAliveForManyRequests() {
			try (Connection connection = this.client.open()) {
				for (int i = 0; i < 200; i++) {
					Response response = connection.send(HttpTestClient.request("GET", "/hello")).read();
					assertThat(response.body()).isEqualTo("Hello World!");
				}
			}
		}

		@Test
		void answersPipelinedRequestsInOrder() {
			String pipeline = HttpTestClient.request("GET", "/hello") + HttpTestClient.request("GET", "/about")
					+ HttpTestClient.request("GET", "/no-such-page") + HttpTestClient.request("GET", "/hello");
			try (Connection connection = this.client.open().send(pipeline)) {
				assertThat(connection.read().body()).isEqualTo("Hello World!");
				assertThat(connection.read().body()).contains("<main id=\"about\">");
				assertThat(connection.read().status()).isEqualTo(404);
				assertThat(connection.read().body()).isEqualTo("Hello World!");
			}
		}

		@Test
		void trustsForwardedHeadersFromTheInheritedUnixSocket() {
			Response response = this.client.get("/test/client", "X-Forwarded-For: 203.0.113.7",
					"X-Forwarded-Proto: https");
			assertThat(response.body()).startsWith("remoteAddr=203.0.113.7 scheme=https secure=true ");
		}

		@Test
		void logsWhatItInheritedAndFromWhom() {
			assertThat(this.service.log()).containsPattern("Listening at: fd://0 \\(unix:" + this.socket
					+ ", inherited from \\S*python3\\S* \\(pid [0-9]+\\)\\)");
		}

	}

	@Test
	void servesAnInheritedTcpSocketAndTrustsOnlyItsProxies(@TempDir Path dir) throws Exception {
		int port = Nginx.freePort();
		HttpTestClient client = HttpTestClient.tcp(port);
		try (SocketLauncher service = SocketLauncher.start(dir, "127.0.0.1:" + port, List.of(), client,
				"--spring.profiles.active=test", "--server.trusted-proxies=192.0.2.1/32")) {
			assertThat(client.get("/hello").body()).isEqualTo("Hello World!");
			assertThat(client.get("/test/client", "X-Forwarded-For: 203.0.113.7").body())
				.startsWith("remoteAddr=127.0.0.1 ");
			assertThat(service.log()).contains("Listening at: fd://0 (127.0.0.1:" + port + ", inherited from ");
		}
	}

	@Test
	void listensOnTheInheritedSocketAndItsOwnPortAtOnce(@TempDir Path dir) throws Exception {
		Path socket = dir.resolve("hello.sock");
		int port = Nginx.freePort();
		try (SocketLauncher service = SocketLauncher.start(dir, "unix:" + socket, List.of(),
				HttpTestClient.unix(socket), "--spring.profiles.active=test",
				"--server.bind=fd://0,127.0.0.1:" + port)) {
			assertThat(HttpTestClient.unix(socket).get("/hello").body()).isEqualTo("Hello World!");
			assertThat(HttpTestClient.tcp(port).get("/hello").body()).isEqualTo("Hello World!");
			assertThat(service.log()).contains("Listening at: http://127.0.0.1:" + port,
					"Listening at: fd://0 (unix:" + socket);
		}
	}

	/**
	 * On a restart, once the new JVM is ready, the old one gets SIGTERM: it stops
	 * accepting, answers the request in flight with {@code Connection: close}, closes its
	 * idle connection, and leaves the socket file as it is: the next JVM answers on the
	 * very same socket.
	 */
	@Test
	void handsItsConnectionsOverOnRestartAndLeavesTheSocketFileAlone(@TempDir Path dir) throws Exception {
		Path socket = dir.resolve("hello.sock");
		HttpTestClient client = HttpTestClient.unix(socket);
		try (SocketLauncher service = SocketLauncher.start(dir, "unix:" + socket, List.of("--mode", "0600"), client,
				"--spring.profiles.active=test")) {
			Map<String, Object> before = Files.readAttributes(socket, "unix:ino,mode,uid,gid,ctime");
			try (Connection idle = client.open(); Connection busy = client.open()) {
				assertThat(idle.send(HttpTestClient.request("GET", "/hello")).read().status()).isEqualTo(200);
				CompletableFuture<Void> restart = CompletableFuture.runAsync(() -> {
					try {
						service.restart();
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
				});
				// the old JVM gets SIGTERM once the new one is ready, right after its
				// warm-up: the slow request is then in flight on the old one
				await("the new JVM's warm-up").atMost(Duration.ofMinutes(3))
					.pollInterval(Duration.ofMillis(10))
					.until(() -> service.log().split("Warmed up with |Warm-up stopped after ", -1).length - 1,
							(count) -> count >= 2);
				busy.send(HttpTestClient.request("GET", "/test/slow?millis=5000"));
				Response inFlight = busy.read();
				assertThat(inFlight.body()).isEqualTo("slept 5000");
				assertThat(inFlight.header("Connection")).isEqualToIgnoringCase("close");
				assertThat(busy.readSome(1)).as("the busy connection, closed after its response").isEqualTo(-1);
				assertThat(idle.readSome(1)).as("the idle connection, closed by the old JVM").isEqualTo(-1);
				restart.get(90, TimeUnit.SECONDS);
			}
			assertThat(client.get("/hello").body()).isEqualTo("Hello World!");
			assertThat(service.pids()).hasSize(2).doesNotHaveDuplicates();
			assertThat(service.log()).as("the idle and the busy connection; closed ones are no longer counted")
				.containsPattern("closing [2-5] connection\\(s\\) once idle")
				.contains("Handed over in ");
			assertThat(Files.readAttributes(socket, "unix:ino,mode,uid,gid,ctime"))
				.as("the socket file, neither re-created nor changed")
				.isEqualTo(before);
		}
	}

	/**
	 * Standard input that is not a listening stream socket stops start-up with one line.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"',
			textBlock = """
					a connected socket | a, b = socket.socketpair(); os.set_inheritable(b.fileno(), True); os.dup2(a.fileno(), 0) | standard input is a connected socket, not a listening one; set Accept=no in the socket unit
					a datagram socket  | s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('127.0.0.1', 0)); os.dup2(s.fileno(), 0) | standard input is a datagram socket, not a stream one; use ListenStream= in the socket unit
					a regular file     | f = open(sys.argv[1 + sys.argv.index('--file')], 'rb'); os.dup2(f.fileno(), 0) | nothing was inherited: standard input is not a socket; start hello from a systemd socket unit
					""")
	void refusesStandardInputThatIsNoListeningSocket(String what, String python, String expected, @TempDir Path dir)
			throws Exception {
		Path file = Files.writeString(dir.resolve("stdin.txt"), "not a socket");
		String script = "import os, socket, sys\n" + python.strip() + "\n"
				+ "args = sys.argv[1:sys.argv.index('--file')]\nos.execv(args[0], args)\n";
		List<String> command = new ArrayList<>(List.of(SocketLauncher.python().toString(), "-c", script));
		command.addAll(ChildJvm.command(dir));
		command.addAll(List.of("--spring.profiles.active=test", "--server.bind=fd://0", "--file", file.toString()));
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(dir.resolve("out.log").toFile())
			.start();
		try {
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
		}
		finally {
			process.destroyForcibly();
		}
		String output = Files.readString(dir.resolve("out.log"));
		assertThat(process.exitValue()).as(output).isNotZero();
		assertThat(output).contains("Invalid server.bind='fd://0': " + expected);
	}

}
