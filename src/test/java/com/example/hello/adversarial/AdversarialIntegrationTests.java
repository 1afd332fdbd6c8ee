package com.example.hello.adversarial;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.example.hello.HttpTestClient;
import com.example.hello.TemporarySocket;
import com.example.hello.TestEndpoints;
import com.example.hello.adversarial.AdversarialCases.Transport;

/**
 * The adversarial suite against the service itself, over TCP and over its Unix socket,
 * with the default limits and short timeouts. The TCP client is no trusted proxy here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "server.trusted-proxies=192.0.2.1/32")
@ActiveProfiles("test")
@Import(TestEndpoints.class)
class AdversarialIntegrationTests {

	private static final TemporarySocket SOCKET = TemporarySocket.create("hello-adversarial");

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void bindTcpAndUnix(DynamicPropertyRegistry registry) {
		registry.add("server.bind", () -> "127.0.0.1:0,unix:" + SOCKET.path());
		AdversarialCases.TIMEOUTS.forEach((name, value) -> registry.add(name, () -> value));
	}

	@AfterAll
	static void deleteSocket() throws IOException {
		SOCKET.delete();
	}

	@TestFactory
	Stream<DynamicNode> overTcp() {
		return AdversarialSuite.tests(Transport.TCP, new InetSocketAddress("127.0.0.1", this.port),
				HttpTestClient.tcp(this.port));
	}

	@TestFactory
	Stream<DynamicNode> overTheUnixSocket() {
		return AdversarialSuite.tests(Transport.UNIX, UnixDomainSocketAddress.of(SOCKET.path()),
				HttpTestClient.unix(SOCKET.path()));
	}

}
