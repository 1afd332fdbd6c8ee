package com.example.hello.http;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.embedded.undertow.UndertowDeploymentInfoCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.example.hello.support.HttpTestClient;
import com.example.hello.support.HttpTestClient.Connection;
import com.example.hello.support.Listeners;
import com.example.hello.support.TcpAndUnixSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every connection gets a head scanner, on TCP and on the Unix socket, and loses it when
 * it closes, however it ends: closed by the client, refused by the parser, refused by
 * hello, or timed out; and Undertow's own close listeners still run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "hello.http.timeouts.idle=1s", "hello.http.timeouts.request-headers=1s" })
@ActiveProfiles("test")
@Import(RequestHeadsIntegrationTests.CloseListeners.class)
@TcpAndUnixSocket
class RequestHeadsIntegrationTests {

	private static final AtomicInteger closed = new AtomicInteger();

	@Autowired
	private Listeners listeners;

	@Autowired
	private RequestHeads heads;

	@LocalServerPort
	private int port;

	@Test
	void forgetsEveryConnectionOnceClosed() {
		for (HttpTestClient client : List.of(HttpTestClient.tcp(this.port), this.listeners.unix())) {
			try (Connection open = client.open(); Connection timingOut = client.open()) {
				open.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
				assertThat(open.read().status()).isEqualTo(200);
				timingOut.send("GET /hel");
				// the server accepts the second connection on its own time
				await("a scanner for each open connection").atMost(Duration.ofSeconds(10))
					.pollInterval(Duration.ofMillis(20))
					.until(() -> this.heads.connections() > 1);
				assertThat(client.get("/hello").status()).isEqualTo(200);
				assertThat(client.exchange("GET /hello HTTP/1.2\r\nHost: x\r\n\r\n").status()).isEqualTo(505);
				assertThat(client.exchange("NONSENSE\r\n\r\n").status()).isEqualTo(400);
				assertThat(timingOut.readSome(1024)).as("cut off by the request-headers timeout").isEqualTo(-1);
			}
		}
		await("every scanner forgotten").atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> this.heads.connections() == 0);
	}

	@Test
	void undertowsCloseListenersStillRun() {
		int before = closed.get();
		for (HttpTestClient client : List.of(HttpTestClient.tcp(this.port), this.listeners.unix())) {
			try (Connection connection = client.open()) {
				connection.send("GET /hello HTTP/1.1\r\nHost: x\r\nX-Count-Close: yes\r\n\r\n");
				assertThat(connection.read().status()).isEqualTo(200);
			}
		}
		// once each: for half a second after, no close is counted twice
		await("Undertow's close listener of both connections, once each").atMost(Duration.ofSeconds(10))
			.during(Duration.ofMillis(500))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> closed.get() - before == 2);
	}

	/** Counts the closes of connections that asked for it, as Undertow reports them. */
	@TestConfiguration(proxyBeanMethods = false)
	static class CloseListeners {

		@Bean
		UndertowDeploymentInfoCustomizer countCloses() {
			return (deployment) -> deployment.addInitialHandlerChainWrapper((next) -> (exchange) -> {
				if (exchange.getRequestHeaders().contains("X-Count-Close")) {
					exchange.getConnection().addCloseListener((connection) -> closed.incrementAndGet());
				}
				next.handleRequest(exchange);
			});
		}

	}

}
