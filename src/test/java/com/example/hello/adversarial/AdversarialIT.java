package com.example.hello.adversarial;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.example.hello.support.Listeners;
import com.example.hello.support.TcpAndUnixSocket;
import com.example.hello.support.TestEndpoints;
import com.example.hello.adversarial.AdversarialCases.Transport;

/**
 * The adversarial suite against the service itself, over TCP and over its Unix socket,
 * with the default limits and short timeouts. The TCP client is no trusted proxy here. An
 * integration test: its slow cases take minutes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "server.trusted-proxies=192.0.2.1/32")
@ActiveProfiles("test")
@Import(TestEndpoints.class)
@TcpAndUnixSocket
class AdversarialIT {

	@Autowired
	private Listeners listeners;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void bindTcpAndUnix(DynamicPropertyRegistry registry) {
		AdversarialCases.TIMEOUTS.forEach((name, value) -> registry.add(name, () -> value));
	}

	@TestFactory
	Stream<DynamicNode> overTcp() {
		return AdversarialSuite.tests(Transport.TCP, this.listeners.tcp(), this.listeners.tcp());
	}

	@TestFactory
	Stream<DynamicNode> overTheUnixSocket() {
		return AdversarialSuite.tests(Transport.UNIX, this.listeners.unix(), this.listeners.unix());
	}

}
