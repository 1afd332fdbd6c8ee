package com.example.hello.server;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.example.hello.support.HttpTestClient;
import com.example.hello.support.HttpTestClient.Connection;
import com.example.hello.support.Listeners;
import com.example.hello.support.TcpAndUnixSocket;
import com.example.hello.support.TestEndpoints;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code spring.threads.virtual.enabled=true}, Gunicorn's {@code -k gevent} counterpart,
 * for requests that arrive on the Unix socket. Virtual threads need JDK 21; on an older
 * JDK the setting is ignored and requests run on Undertow's worker threads.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.threads.virtual.enabled=true",
				"server.undertow.threads.worker=" + VirtualThreadsIntegrationTests.WORKER_THREADS })
@ActiveProfiles("test")
@Import(TestEndpoints.class)
@TcpAndUnixSocket
class VirtualThreadsIntegrationTests {

	/**
	 * Undertow's platform worker threads, fixed here (the default depends on the number
	 * of CPUs) so that "more requests at once than worker threads" means the same
	 * everywhere.
	 */
	static final int WORKER_THREADS = 16;

	@Autowired
	private Listeners listeners;

	@Test
	void runsRequestsFromTheSocketOnVirtualThreadsWhereTheJdkHasThem() {
		String thread = this.listeners.unix().get("/test/thread").body();
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
				connections
					.add(this.listeners.unix().open().send(HttpTestClient.request("GET", "/test/slow?millis=200")));
			}
			for (Connection connection : connections) {
				assertThat(connection.read().body()).isEqualTo("slept 200");
			}
		}
		finally {
			connections.forEach(Connection::close);
		}
		// At once, proven without timing: each request answers only when all are running.
		// Virtual threads run more than there are worker threads; without them (JDK 17)
		// every worker thread runs one.
		int atOnce = (Runtime.version().feature() >= 21) ? 100 : WORKER_THREADS;
		assertRunTogether(atOnce);
	}

	private void assertRunTogether(int parties) {
		String together = "/test/together?group=" + UUID.randomUUID() + "&parties=" + parties;
		List<Connection> connections = new ArrayList<>();
		try {
			for (int i = 0; i < parties; i++) {
				connections.add(this.listeners.unix().open().send(HttpTestClient.request("GET", together)));
			}
			for (Connection connection : connections) {
				assertThat(connection.read().body()).as("requests running at once").isEqualTo("together " + parties);
			}
		}
		finally {
			connections.forEach(Connection::close);
		}
	}

}
