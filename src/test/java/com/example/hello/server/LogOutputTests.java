package com.example.hello.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.example.hello.HelloApplication;
import com.example.hello.support.HttpTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the prod profile writes to standard output: where it listens, like Gunicorn's
 * "Listening at:", and one access log line per request.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogOutputTests {

	@TempDir
	Path dir;

	/**
	 * A scanner's requests for paths and methods hello does not serve are recorded by the
	 * access log, each, and add next to nothing to the application log: a 404 or 405 is
	 * the client's mistake, not a WARN.
	 */
	@Test
	void aScanOfUnknownPathsStaysInTheAccessLog(CapturedOutput output) throws Exception {
		Path accessLogs = this.dir.resolve("access-logs");
		try (ConfigurableApplicationContext service = HelloApplication
			.start(Map.of("server.bind", "127.0.0.1:0", "hello.access-log.directory", accessLogs), "prod")) {
			int port = ((WebServerApplicationContext) service).getWebServer().getPort();
			HttpTestClient client = HttpTestClient.tcp(port);
			int before = output.getOut().split("\n", -1).length;
			for (int i = 0; i < 1000; i++) {
				String path = switch (i % 4) {
					case 0 -> "/wp-login.php?i=" + i;
					case 1 -> "/.env/" + i;
					case 2 -> "/no-such-page-" + i;
					default -> "/cgi-bin/" + i + ".cgi";
				};
				assertThat(client.get(path).status()).as(path).isEqualTo(404);
			}
			for (int i = 0; i < 100; i++) {
				assertThat(client.exchange(HttpTestClient.request("POST", "/hello", "Content-Length: 0")).status())
					.isEqualTo(405);
			}
			Path accessLog = accessLogs.resolve("access.log");
			await("1,100 access log lines").atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(50))
				.untilAsserted(() -> assertThat(java.nio.file.Files.readAllLines(accessLog)).hasSize(1100));
			String added = String.join("\n", java.util.Arrays.asList(output.getOut().split("\n", -1))
				.subList(before - 1, output.getOut().split("\n", -1).length));
			assertThat(added.lines().filter((line) -> !line.isBlank()).count()).as(added).isLessThan(10);
			assertThat(added).doesNotContain(" WARN ", "No mapping", "No endpoint");
		}
	}

	@Test
	void saysWhereItListensOnceAndNothingContradictsIt(CapturedOutput output) throws Exception {
		Path socket = this.dir.resolve("only.sock");
		try (ConfigurableApplicationContext service = HelloApplication.start(Map.of("server.bind", "unix:" + socket),
				"prod")) {
			assertThat(output.getOut().lines().filter((line) -> line.contains("Listening at:")))
				.containsExactly(output.getOut()
					.lines()
					.filter((line) -> line.contains("Listening at: unix:" + socket + " (mode 0660)"))
					.findFirst()
					.orElseThrow());
			assertThat(output.getOut()).doesNotContain("Undertow started", "ports unknown");
		}
	}

	@Test
	void saysWhereItListensOneLinePerListenerAndLogsEachRequest(CapturedOutput output) throws Exception {
		Path socket = this.dir.resolve("hello.sock");
		try (ConfigurableApplicationContext service = HelloApplication
			.start(Map.of("server.bind", "127.0.0.1:0,unix:" + socket), "prod")) {
			int port = ((WebServerApplicationContext) service).getWebServer().getPort();
			assertThat(output).contains("Listening at: http://127.0.0.1:" + port + "\n")
				.contains("Listening at: unix:" + socket + " (mode 0660)");
			String probe = UUID.randomUUID().toString();
			HttpTestClient.tcp(port).from("127.0.0.3").get("/about?probe=" + probe);
			HttpTestClient.unix(socket).get("/no-such-page?probe=" + probe, "X-Forwarded-For: 198.51.100.9");
			// a line is logged when the exchange completes, after the response
			await("both access log lines").atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(20))
				.untilAsserted(() -> assertThat(output.getOut())
					.containsPattern("127\\.0\\.0\\.3 \\[[^]]+\\] \"GET /about\\?probe=" + probe
							+ " HTTP/1\\.1\" 200 [0-9]+ [0-9]+ms")
					.containsPattern("198\\.51\\.100\\.9 \\[[^]]+\\] \"GET /no-such-page\\?probe=" + probe
							+ " HTTP/1\\.1\" 404 [0-9]+ [0-9]+ms"));
		}
	}

}
