package com.example.hello.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.example.hello.support.HttpTestClient;
import com.example.hello.support.HttpTestClient.Connection;
import com.example.hello.support.PrometheusScrape;
import com.example.hello.support.Listeners;
import com.example.hello.support.TcpAndUnixSocket;
import com.example.hello.support.TestEndpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /actuator/prometheus} of the prod profile, scraped over its Unix socket as an
 * operator's scraper would: request counts by status and route template, saturation under
 * load, JVM, process and availability metrics.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
@Import(TestEndpoints.class)
@ActiveProfiles("prod")
@TcpAndUnixSocket
class PrometheusMetricsIntegrationTests {

	@Autowired
	private Listeners listeners;

	private static final String REQUESTS = "http_server_requests_seconds_count";

	private static final String PAGE_ROUTE = "uri=\"/{page:[a-z0-9][a-z0-9-]*}\"";

	@LocalServerPort
	private int port;

	@Test
	void countsEachRequestByStatusAndRouteTemplate() {
		PrometheusScrape before = PrometheusScrape.of(this.listeners.unix());
		send(3, "/hello");
		send(2, "/about");
		send(4, "/no-such-page-%d");
		send(5, "/not/a/route/%d");
		send(1, TestEndpoints.FAILURE);
		await("the last request to be recorded").atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> delta(before, PrometheusScrape.of(this.listeners.unix()), "status=\"500\"") == 1);
		PrometheusScrape after = PrometheusScrape.of(this.listeners.unix());
		assertThat(delta(before, after, "status=\"200\"", "uri=\"/hello\"")).isEqualTo(3);
		assertThat(delta(before, after, "status=\"200\"", PAGE_ROUTE)).isEqualTo(2);
		assertThat(delta(before, after, "status=\"404\"", PAGE_ROUTE)).isEqualTo(4);
		assertThat(delta(before, after, "status=\"404\"", "uri=\"NOT_FOUND\"")).isEqualTo(5);
		assertThat(delta(before, after, "status=\"500\"", "uri=\"" + TestEndpoints.FAILURE + "\"")).isEqualTo(1);
		// and nothing else, apart from the scrapes themselves
		assertThat(delta(before, after) - delta(before, after, "uri=\"/actuator/prometheus\"")).isEqualTo(15);
	}

	@Test
	void countsRequestsRefusedBeforeTheServletPipelineOnEveryListener() {
		PrometheusScrape before = PrometheusScrape.of(this.listeners.unix());
		for (HttpTestClient listener : List.of(this.listeners.unix(), HttpTestClient.tcp(this.port))) {
			assertThat(listener.exchange("TRACE /hello HTTP/1.1\r\nHost: localhost\r\n\r\n").status()).isEqualTo(405);
			assertThat(listener.exchange("GET /hello HTTP/1.2\r\nHost: localhost\r\n\r\n").status()).isEqualTo(505);
			assertThat(listener.exchange("PUT http://example.com/hello HTTP/1.1\r\nHost: example.com\r\n\r\n").status())
				.isEqualTo(400);
		}
		// each is timed once its handler returns, just after the answer went out
		await("the refusals to be timed").atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(50))
			.untilAsserted(() -> {
				PrometheusScrape after = PrometheusScrape.of(this.listeners.unix());
				assertThat(delta(before, after, "method=\"TRACE\"", "status=\"405\"", "uri=\"UNKNOWN\"")).isEqualTo(2);
				assertThat(delta(before, after, "method=\"GET\"", "status=\"505\"", "uri=\"UNKNOWN\"")).isEqualTo(2);
				assertThat(delta(before, after, "method=\"PUT\"", "status=\"400\"", "uri=\"UNKNOWN\"")).isEqualTo(2);
			});
	}

	@Test
	void groupsUnknownPathsInsteadOfMakingASeriesOfEach() {
		String probe = UUID.randomUUID().toString();
		for (int i = 0; i < 20; i++) {
			this.listeners.unix().get("/" + probe + "/" + i);
			this.listeners.unix().get("/" + probe + "-" + i);
		}
		PrometheusScrape scrape = PrometheusScrape.of(this.listeners.unix());
		assertThat(scrape.samples().keySet()).noneMatch((series) -> series.contains(probe));
		assertThat(scrape.series(REQUESTS, "status=\"404\"")).hasSizeLessThanOrEqualTo(2);
	}

	@Test
	void busyThreadsAndOpenConnectionsPerListenerCountHeldRequests() {
		HttpTestClient tcp = HttpTestClient.tcp(this.port);
		String unixListener = "listener=\"unix:" + this.listeners.socket() + "\"";
		String tcpListener = "listener=\"127.0.0.1:" + this.port + "\"";
		int heldOnEach = 2;
		List<Connection> connections = new ArrayList<>();
		try {
			for (int i = 0; i < heldOnEach; i++) {
				connections
					.add(this.listeners.unix().open().send(HttpTestClient.request("GET", "/test/slow?millis=3000")));
				connections.add(tcp.open().send(HttpTestClient.request("GET", "/test/slow?millis=3000")));
			}
			await("the slow requests to run").atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> this.listeners.unix()
					.get("/test/slow/running")
					.body()
					.equals(String.valueOf(2 * heldOnEach)));
			PrometheusScrape scrape = PrometheusScrape.of(this.listeners.unix());
			assertThat(scrape.sum("undertow_threads_busy")).isGreaterThanOrEqualTo(2 * heldOnEach);
			assertThat(scrape.sum("undertow_connections_open", unixListener)).isGreaterThanOrEqualTo(heldOnEach);
			assertThat(scrape.sum("undertow_connections_open", tcpListener)).isGreaterThanOrEqualTo(heldOnEach);
			for (Connection connection : connections) {
				assertThat(connection.read().status()).isEqualTo(200);
			}
		}
		finally {
			connections.forEach(Connection::close);
		}
		await("the held connections to be closed").atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(50))
			.untilAsserted(() -> {
				PrometheusScrape scrape = PrometheusScrape.of(this.listeners.unix());
				assertThat(scrape.sum("undertow_connections_open", unixListener)).isLessThanOrEqualTo(1);
				assertThat(scrape.sum("undertow_connections_open", tcpListener)).isZero();
			});
		// only the scrape itself
		assertThat(PrometheusScrape.of(this.listeners.unix()).sum("undertow_threads_busy")).isEqualTo(1);
	}

	@Test
	void exportsJvmProcessAndAvailabilityMetrics() {
		PrometheusScrape scrape = PrometheusScrape.of(this.listeners.unix());
		assertThat(scrape.names()).contains("jvm_memory_used_bytes", "jvm_gc_memory_allocated_bytes_total",
				"jvm_threads_live_threads", "process_cpu_usage", "process_uptime_seconds", "undertow_threads_max",
				"undertow_threads_queued", "undertow_io_threads");
		assertThat(scrape.sum("application_ready")).isEqualTo(1);
		assertThat(scrape.sum("application_live")).isEqualTo(1);
	}

	private void send(int times, String path) {
		for (int i = 0; i < times; i++) {
			this.listeners.unix().get(path.formatted(i));
		}
	}

	private static double delta(PrometheusScrape before, PrometheusScrape after, String... labels) {
		return after.sum(REQUESTS, labels) - before.sum(REQUESTS, labels);
	}

}
