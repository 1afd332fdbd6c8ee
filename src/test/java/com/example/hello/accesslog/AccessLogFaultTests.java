package com.example.hello.accesslog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import com.example.hello.HelloApplication;
import com.example.hello.support.HttpTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An access log that cannot be written costs log lines and one warning, never a request.
 */
@ExtendWith(OutputCaptureExtension.class)
class AccessLogFaultTests {

	@Test
	void anAccessLogThatCannotBeWrittenNeverFailsARequest(@TempDir Path directory, CapturedOutput output)
			throws IOException {
		// access.log is a directory: every write fails, as on a disk that turned
		// read-only
		// (a full disk is DailyFileSinkTests' /dev/full case)
		Files.createDirectory(directory.resolve("access.log"));
		try (ConfigurableApplicationContext service = HelloApplication.start(
				Map.of("server.port", 0, "hello.access-log.enabled", true, "hello.access-log.directory", directory),
				"test")) {
			HttpTestClient client = HttpTestClient.tcp(port(service));
			for (int i = 0; i < 200; i++) {
				assertThat(client.get("/hello").status()).isEqualTo(200);
			}
			await("the warning")
				.untilAsserted(() -> assertThat(output).contains("Could not write the access log, its lines are lost"));
			assertThat(output.toString().split("Could not write the access log", -1)).as("warnings").hasSize(2);
		}
	}

	private static int port(ConfigurableApplicationContext service) {
		return Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));
	}

}
