package com.example.hello.metrics;

import java.net.InetSocketAddress;
import java.time.Duration;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.example.hello.support.HttpTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link AnsweredBeforeServlet} on a real Undertow listener: a request answered on the
 * I/O thread, such as a 503 of Undertow's graceful shutdown while draining, is timed; a
 * request dispatched to a request thread is left to the servlet pipeline's timing.
 */
class AnsweredBeforeServletTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private Undertow undertow;

	@AfterEach
	void stop() {
		if (this.undertow != null) {
			this.undertow.stop();
		}
	}

	@Test
	void timesTheDrainingRefusalsOfGracefulShutdown() {
		GracefulShutdownHandler draining = new GracefulShutdownHandler(dispatchedHello());
		HttpTestClient client = start(draining);
		assertThat(client.get("/hello").status()).isEqualTo(200);
		draining.shutdown();
		assertThat(client.get("/hello").status()).isEqualTo(503);
		assertThat(client.get("/hello").status()).isEqualTo(503);
		// timed once the handler returns, just after the answer went out
		await("both refusals to be timed").atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(10))
			.untilAsserted(() -> assertThat(count("503")).isEqualTo(2));
		assertThat(count("200")).as("dispatched, so left to the servlet pipeline").isZero();
	}

	private HttpTestClient start(HttpHandler root) {
		HttpHandler timed = new AnsweredBeforeServlet(new RequestTimers(this.registry)).customize(root);
		this.undertow = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(timed).build();
		this.undertow.start();
		InetSocketAddress address = (InetSocketAddress) this.undertow.getListenerInfo().get(0).getAddress();
		return HttpTestClient.tcp(address.getPort());
	}

	/** Answers on a request thread, as the servlet deployment does. */
	private static HttpHandler dispatchedHello() {
		return (exchange) -> exchange.dispatch(() -> exchange.getResponseSender().send("Hello World!"));
	}

	private long count(String status) {
		return this.registry.find(RequestTimers.METRIC)
			.tag("status", status)
			.tag("uri", "UNKNOWN")
			.timers()
			.stream()
			.mapToLong(Timer::count)
			.sum();
	}

}
