package com.example.hello.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.example.hello.HttpTestClient;
import com.example.hello.HttpTestClient.Connection;
import com.example.hello.TemporarySocket;
import com.example.hello.TestEndpoints;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code spring.threads.virtual.enabled=true}, Gunicorn's {@code -k gevent} counterpart,
 * for requests that arrive on the Unix socket. Virtual threads need JDK 21; on an older
 * JDK the setting is ignored and requests run on Undertow's worker threads.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.threads.virtual.enabled=true")
@ActiveProfiles("test")
@Import(TestEndpoints.class)
class VirtualThreadsIntegrationTests {

	private static final TemporarySocket SOCKET = TemporarySocket.create("hello-virtual");

	private final HttpTestClient unix = HttpTestClient.unix(SOCKET.path());

	@DynamicPropertySource
	static void bindUnix(DynamicPropertyRegistry registry) {
		registry.add("server.bind", () -> "unix:" + SOCKET.path());
	}

	@AfterAll
	static void deleteDirectory() throws IOException {
		SOCKET.delete();
	}

	@Test
	void runsRequestsFromTheSocketOnVirtualThreadsWhereTheJdkHasThem() {
		String thread = this.unix.get("/test/thread").body();
		if (Runtime.version().feature() >= 21) {
			assertThat(thread).startsWith("VirtualThread[");
		}
		else {
			assertThat(thread).doesNotContain("VirtualThread").contains("XNIO-");
		}
	}

	@Test
	void servesManySlowRequestsAtOnce() {
		List<Connection> connections = new ArrayList<>();
		try {
			for (int i = 0; i < 100; i++) {
				connections.add(this.unix.open().send(HttpTestClient.request("GET", "/test/slow?millis=200")));
			}
			for (Connection connection : connections) {
				assertThat(connection.read().body()).isEqualTo("slept 200");
			}
		}
		finally {
			connections.forEach(Connection::close);
		}
	}

}
