package com.example.hello.deployment;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.example.hello.support.HttpTestClient;
import com.example.hello.support.HttpTestClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * nginx with the shipped site in front of a service that is not there, or that died and
 * left its socket file behind (kill -9): it answers 502 at once, and nothing hangs.
 */
class DeadBackendIT {

	/** Far below nginx's proxy_connect_timeout (5s): a refused connect is no timeout. */
	private static final Duration AT_ONCE = Duration.ofSeconds(2);

	@ParameterizedTest
	@ValueSource(strings = { "no socket file", "stale socket file" })
	void nginxAnswers502AtOnce(String backend, @TempDir Path directory) throws Exception {
		Nginx.binary();
		Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path socket = SocketDirectories.create(directory, "hello").resolve("hello.sock");
		if (backend.equals("stale socket file")) {
			ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
			dead.bind(UnixDomainSocketAddress.of(socket));
			dead.close(); // the file stays, nobody listens: what kill -9 leaves
			assertThat(socket).exists();
		}
		try (Nginx nginx = Nginx.render(Files.createDirectory(directory.resolve("nginx")), "hello.conf",
				Map.of("/run/hello/hello.sock", socket.toString()), TestCertificate.create(directory))) {
			nginx.start();
			HttpTestClient client = HttpTestClient.tcp(nginx.httpPort());
			for (String path : new String[] { "/hello", "/about" }) {
				long start = System.nanoTime();
				Response response = client.get(path);
				Duration took = Duration.ofNanos(System.nanoTime() - start);
				assertThat(response.status()).as(path).isEqualTo(502);
				assertThat(took).as(path).isLessThan(AT_ONCE);
				assertThat(response.body()).doesNotContain("nginx/");
				NginxEndToEndIT.assertStyledNginxPage(response, "502: temporarily unavailable");
			}
		}
	}

	/**
	 * The styled 502 is nginx's last word only: with one of two instances gone, every
	 * safe request is retried on the other (proxy_next_upstream) and served, and none
	 * gets the error page.
	 */
	@Test
	void theErrorPagesLeaveRetriesToTheOtherInstanceFirst(@TempDir Path directory) throws Exception {
		Nginx.binary();
		Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path gone = SocketDirectories.create(directory, "hello-1").resolve("hello.sock");
		Path alive = SocketDirectories.create(directory, "hello-2").resolve("hello.sock");
		Map<String, Object> settings = new java.util.HashMap<>(SocketDirectories.groupSettings());
		settings.put("server.bind", "unix:" + alive);
		settings.put("hello.access-log.enabled", false);
		try (var service = com.example.hello.HelloApplication.start(settings, "prod");
				Nginx nginx = Nginx.render(Files.createDirectory(directory.resolve("nginx")),
						"hello-two-instances.conf",
						Map.of("/run/hello-1/hello.sock", gone.toString(), "/run/hello-2/hello.sock", alive.toString()),
						TestCertificate.create(directory))) {
			nginx.start();
			HttpTestClient client = HttpTestClient.tcp(nginx.httpPort());
			for (int i = 0; i < 20; i++) {
				Response response = client.get("/hello");
				assertThat(response.status()).as("request %d", i).isEqualTo(200);
				assertThat(response.body()).isEqualTo("Hello World!");
			}
		}
	}

}
