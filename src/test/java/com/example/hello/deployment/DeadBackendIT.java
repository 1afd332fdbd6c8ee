package com.example.hello.deployment;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

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
			}
		}
	}

}
