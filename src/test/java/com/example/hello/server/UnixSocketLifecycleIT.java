package com.example.hello.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.example.hello.support.ChildJvm;
import com.example.hello.HelloApplication;
import com.example.hello.support.HttpTestClient;
import com.example.hello.support.HttpTestClient.Connection;
import com.example.hello.support.HttpTestClient.Response;
import com.example.hello.support.TestEndpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The socket file across the life of a real process: graceful stop on SIGTERM, and a
 * restart after SIGKILL.
 */
class UnixSocketLifecycleIT {

	@TempDir
	Path dir;

	@Test
	void finishesRequestsInFlightOnSigtermThenRemovesTheSocket() throws Exception {
		Path socket = this.dir.resolve("hello.sock");
		HttpTestClient client = HttpTestClient.unix(socket);
		try (ChildJvm service = ChildJvm.start(this.dir, client, "--spring.profiles.active=prod",
				"--server.bind=unix:" + socket)) {
			Connection slow = client.open().send(HttpTestClient.request("GET", "/test/slow?millis=3000"));
			CompletableFuture<Response> inFlight = CompletableFuture.supplyAsync(slow::read);
			awaitSlowRequestRunning(client);
			service.terminate();
			await("new requests while draining to be answered 503").atMost(Duration.ofSeconds(2))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> client.get("/hello").status(), (status) -> status == 503);
			Response response = inFlight.get(30, TimeUnit.SECONDS);
			slow.close();
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("slept 3000");
			service.awaitExit(Duration.ofSeconds(30));
			assertThat(socket).doesNotExist();
			assertThat(service.log()).contains("Graceful shutdown complete", "Removed " + socket)
				.as("the access log line of the request that finished while draining")
				.contains("\"GET /test/slow?millis=3000 HTTP/1.1\" 200");
		}
	}

	@Test
	void cleansUpAfterSigkillOnTheNextStart() throws Exception {
		Path socket = this.dir.resolve("hello.sock");
		HttpTestClient client = HttpTestClient.unix(socket);
		try (ChildJvm service = ChildJvm.start(this.dir, client, "--spring.profiles.active=prod",
				"--server.bind=unix:" + socket)) {
			service.kill();
			service.awaitExit(Duration.ofSeconds(30));
		}
		assertThat(socket).as("left behind by SIGKILL").exists();
		try (ConfigurableApplicationContext restarted = HelloApplication.start(Map.of("server.bind", "unix:" + socket),
				"prod")) {
			assertThat(client.get("/hello").body()).isEqualTo("Hello World!");
		}
		assertThat(socket).doesNotExist();
	}

	@Test
	void reportsNotReadyAsSoonAsShutdownBeginsWhileRequestsDrain() throws Exception {
		Path socket = this.dir.resolve("hello.sock");
		HttpTestClient client = HttpTestClient.unix(socket);
		ConfigurableApplicationContext service = HelloApplication.start(
				Map.of("server.bind", "unix:" + socket, "spring.main.sources", TestEndpoints.class.getName()), "prod");
		assertThat(client.get("/actuator/health/readiness").body()).isEqualTo("{\"status\":\"UP\"}");
		ApplicationAvailability availability = service.getBean(ApplicationAvailability.class);
		try (Connection slow = client.open().send(HttpTestClient.request("GET", "/test/slow?millis=3000"))) {
			awaitSlowRequestRunning(client);
			CompletableFuture<Void> closing = CompletableFuture.runAsync(service::close);
			await("readiness to change to REFUSING_TRAFFIC").atMost(Duration.ofSeconds(2))
				.pollInterval(Duration.ofMillis(10))
				.until(availability::getReadinessState, (state) -> state == ReadinessState.REFUSING_TRAFFIC);
			assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
			assertThat(socket).as("still listening while the request drains").exists();
			assertThat(client.get("/actuator/health/readiness").status()).isEqualTo(503);
			assertThat(slow.read().body()).isEqualTo("slept 3000");
			closing.get(30, TimeUnit.SECONDS);
		}
		assertThat(socket).doesNotExist();
	}

	/**
	 * Undertow's read-timeout conduit cannot schedule its timer once the worker is
	 * stopping, and a request read then was answered with a bare 400, which nginx does
	 * not retry: the rolling-restart tests failed on it now and then. Closed before the
	 * worker stops, a kept-alive connection cannot be read from while it stops.
	 */
	@Test
	void closesKeptAliveConnectionsBeforeItsWorkerStops() throws Exception {
		Path socket = this.dir.resolve("hello.sock");
		ConfigurableApplicationContext service = HelloApplication.start(Map.of("server.bind",
				"127.0.0.1:0,unix:" + socket, "spring.main.sources", ConnectionCloseWatch.class.getName()), "prod");
		ConnectionCloseWatch watch = service.getBean(ConnectionCloseWatch.class);
		int port = ((WebServerApplicationContext) service).getWebServer().getPort();
		List<Connection> kept = new ArrayList<>();
		try {
			for (HttpTestClient client : List.of(HttpTestClient.unix(socket), HttpTestClient.tcp(port))) {
				for (int i = 0; i < 3; i++) {
					Connection connection = client.open();
					kept.add(connection);
					assertThat(connection.send(HttpTestClient.request("GET", "/hello")).read().status()).isEqualTo(200);
				}
			}
			service.close();
			assertThat(watch.workerStoppingAtClose).as("for each connection, whether the worker was stopping")
				.hasSizeGreaterThanOrEqualTo(kept.size())
				.containsOnly(false);
			for (Connection connection : kept) {
				assertThat(connection.readSome(1)).as("end of stream").isEqualTo(-1);
			}
		}
		finally {
			kept.forEach(Connection::close);
			service.close();
		}
	}

	/** Notes, as each connection closes, whether the XNIO worker was stopping. */
	@Configuration(proxyBeanMethods = false)
	static class ConnectionCloseWatch {

		final List<Boolean> workerStoppingAtClose = new CopyOnWriteArrayList<>();

		@Bean
		OpenListenerCustomizer connectionCloseWatch() {
			return (openListener) -> (connection) -> {
				connection
					.setCloseListener((closed) -> this.workerStoppingAtClose.add(closed.getWorker().isShutdown()));
				openListener.handleEvent(connection);
			};
		}

	}

	/** Waits until the service is handling the slow request, so that it is in flight. */
	private static void awaitSlowRequestRunning(HttpTestClient client) {
		await("the service to start handling the slow request").atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> client.get("/test/slow/running").body(), "1"::equals);
	}

}
