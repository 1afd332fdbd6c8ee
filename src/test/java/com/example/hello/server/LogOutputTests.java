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
