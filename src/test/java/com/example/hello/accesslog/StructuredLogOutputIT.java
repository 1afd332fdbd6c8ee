package com.example.hello.accesslog;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.hello.support.ChildJvm;
import com.example.hello.support.HttpTestClient;
import com.example.hello.support.TestEndpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code logging.structured.format.console=ecs}, everything the prod profile writes
 * to standard output, from start to stop, is one JSON object per line: start-up, a stack
 * trace, shutdown, and the access log, which switches to JSON with the application log.
 * Standard error holds at most the JVM's own warnings. The service runs in a JVM of its
 * own, as in production, so that no other test's logging is mixed in.
 */
class StructuredLogOutputIT {

	private static final Pattern TCP_LISTENER = Pattern.compile("Listening at: http://(127\\.0\\.0\\.1:[0-9]+)");

	private final ObjectMapper json = new ObjectMapper();

	@TempDir
	Path dir;

	@Test
	void everyLineIsOneJsonObjectAccessLogIncluded() throws Exception {
		Path socket = this.dir.resolve("hello.sock");
		HttpTestClient unix = HttpTestClient.unix(socket);
		String probe = UUID.randomUUID().toString();
		List<JsonNode> lines;
		String tcpListener;
		try (ChildJvm service = ChildJvm.start(this.dir, unix, "--spring.profiles.active=prod",
				"--server.bind=127.0.0.1:0,unix:" + socket, "--logging.structured.format.console=ecs")) {
			Matcher listening = TCP_LISTENER.matcher(service.log());
			assertThat(listening.find()).as("a Listening at: line for TCP in %s", service.log()).isTrue();
			tcpListener = listening.group(1);
			HttpTestClient tcp = HttpTestClient.tcp(Integer.parseInt(tcpListener.substring(10)));
			tcp.from("127.0.0.3").get("/about?probe=" + probe);
			unix.get("/no/such/page?probe=" + probe, "X-Forwarded-For: 198.51.100.9");
			unix.get(TestEndpoints.FAILURE + "?probe=" + probe);
			await("three access log lines").atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> service.log().split(probe, -1).length - 1 >= 3);
			service.terminate();
			service.awaitExit(Duration.ofSeconds(30));
			lines = parseEveryLine(service.standardOutput());
			// the JVM's own warnings, such as JDK 24's on sun.misc.Unsafe (JBoss Threads
			// calls it), go to standard error in its format; nothing of the service's
			// does
			assertThat(service.standardError().lines()).allMatch((line) -> line.startsWith("WARNING: "));
		}
		List<JsonNode> access = lines.stream()
			.filter((line) -> line.at("/url/query").asText().equals("probe=" + probe))
			.toList();
		assertThat(access).hasSize(3);
		JsonNode about = access.get(0);
		assertThat(about.at("/log/logger").asText()).isEqualTo("access");
		assertThat(about.at("/client/address").asText()).isEqualTo("127.0.0.3");
		assertThat(about.at("/http/request/method").asText()).isEqualTo("GET");
		assertThat(about.at("/http/version").asText()).isEqualTo("1.1");
		assertThat(about.at("/url/path").asText()).isEqualTo("/about");
		assertThat(about.at("/http/response/status_code").asInt()).isEqualTo(200);
		assertThat(about.at("/http/response/body/bytes").asLong()).isPositive();
		assertThat(about.at("/event/duration").asLong()).isPositive();
		assertThat(about.at("/hello/listener").asText()).isEqualTo(tcpListener);
		JsonNode missing = access.get(1);
		assertThat(missing.at("/client/address").asText()).isEqualTo("198.51.100.9");
		assertThat(missing.at("/url/path").asText()).isEqualTo("/no/such/page");
		assertThat(missing.at("/http/response/status_code").asInt()).isEqualTo(404);
		assertThat(missing.at("/hello/listener").asText()).isEqualTo("unix:" + socket);
		assertThat(access.get(2).at("/http/response/status_code").asInt()).isEqualTo(500);
		assertThat(lines).anySatisfy((line) -> assertThat(line.at("/message").asText()).startsWith("Started "));
		assertThat(lines)
			.anySatisfy((line) -> assertThat(line.at("/error/stack_trace").asText()).contains(TestEndpoints.SECRET));
	}

	/** Fails on the first line that is not one JSON object. */
	private List<JsonNode> parseEveryLine(String output) throws Exception {
		List<JsonNode> lines = new ArrayList<>();
		for (String line : output.split("\n")) {
			JsonNode node = this.json.readTree(line);
			assertThat(node).as(line).isNotNull();
			assertThat(node.isObject()).as(line).isTrue();
			lines.add(node);
		}
		return lines;
	}

}
