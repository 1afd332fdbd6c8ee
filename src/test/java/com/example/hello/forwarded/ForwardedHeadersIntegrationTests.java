package com.example.hello.forwarded;

import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.example.hello.HelloApplication;
import com.example.hello.support.HttpTestClient;
import com.example.hello.support.HttpTestClient.Response;
import com.example.hello.support.Listeners;
import com.example.hello.support.TcpAndUnixSocket;
import com.example.hello.support.TestEndpoints;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forwarded headers over real connections: applied from trusted peers, ignored from
 * everyone else.
 */
class ForwardedHeadersIntegrationTests {

	private static final String[] FROM_NGINX = { "X-Forwarded-For: 203.0.113.7", "X-Real-IP: 203.0.113.7",
			"X-Forwarded-Proto: https", "X-Forwarded-Host: www.example.com", "X-Forwarded-Port: 443" };

	/** Loopback is trusted by default, as nginx on the same host is. */
	@Nested
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
	@ActiveProfiles("test")
	@Import(TestEndpoints.class)
	class FromATrustedProxy {

		@LocalServerPort
		int port;

		@Test
		void seesTheClientAddressAndSchemeTheProxyPasses() {
			Response response = HttpTestClient.tcp(this.port).get("/test/client", FROM_NGINX);
			assertThat(response.body()).isEqualTo("remoteAddr=203.0.113.7 scheme=https secure=true "
					+ "url=https://www.example.com/test/client xff=null");
		}

		@Test
		void redirectsToTheSchemeHostAndPortTheClientUsed() {
			Response response = HttpTestClient.tcp(this.port)
				.get("/test/redirect", "X-Forwarded-Proto: https", "X-Forwarded-Host: www.example.com",
						"X-Forwarded-Port: 8443");
			assertThat(response.status()).isEqualTo(302);
			assertThat(response.header("Location")).isEqualTo("https://www.example.com:8443/about");
		}

		@Test
		void takesTheRightMostAddressThatIsNoTrustedProxy() {
			Response response = HttpTestClient.tcp(this.port)
				.get("/test/client", "X-Forwarded-For: 6.6.6.6, 198.51.100.20, 127.0.0.1");
			assertThat(response.body()).startsWith("remoteAddr=198.51.100.20 ");
		}

		@Test
		void ignoresAChainItCannotRead() {
			Response response = HttpTestClient.tcp(this.port)
				.get("/test/client", "X-Forwarded-For: 198.51.100.20, not-an-address");
			assertThat(response.body()).startsWith("remoteAddr=127.0.0.1 ");
		}

	}

	/** A peer that is no trusted proxy: its forwarded headers count for nothing. */
	@Nested
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = "server.trusted-proxies=192.0.2.1/32")
	@ActiveProfiles("test")
	@Import(TestEndpoints.class)
	@TcpAndUnixSocket
	class FromAnUntrustedPeer {

		@Autowired
		private Listeners listeners;

		@LocalServerPort
		int port;

		@Test
		void cannotSpoofItsAddressSchemeOrHost() {
			Response response = HttpTestClient.tcp(this.port).get("/test/client", FROM_NGINX);
			assertThat(response.body()).isEqualTo(
					"remoteAddr=127.0.0.1 scheme=http secure=false " + "url=http://localhost/test/client xff=null");
		}

		@Test
		void cannotSpoofARedirect() {
			Response response = HttpTestClient.tcp(this.port)
				.get("/test/redirect", "X-Forwarded-Proto: https", "X-Forwarded-Host: evil.example");
			assertThat(response.header("Location")).isEqualTo("http://localhost/about");
		}

		@Test
		void trustsTheUnixSocketWhoseModeDecidesWhoConnects() {
			Response response = this.listeners.unix().get("/test/client", FROM_NGINX);
			assertThat(response.body()).startsWith("remoteAddr=203.0.113.7 scheme=https secure=true ");
		}

	}

	@Test
	void refusesATrustedProxyThatIsNoAddress() {
		try (ConfigurableApplicationContext app = HelloApplication
			.start(Map.of("server.port", 0, "server.trusted-proxies", "nginx.local"), "test")) {
			throw new AssertionError("started with server.trusted-proxies=nginx.local");
		}
		catch (RuntimeException ex) {
			assertThat(ex).hasRootCauseMessage(
					"expected an IP address or a CIDR range such as 10.0.0.0/8 or ::1, not 'nginx.local'");
		}
	}

}
