package com.example.hello.deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.hello.support.HttpTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restart without downtime from a single instance: the shipped site in front of a
 * socket that outlives the service, as systemd's {@code hello.socket} keeps it (played by
 * the shipped launcher). Under load, the service is restarted twice; not one request may
 * fail.
 */
class SocketActivationHandoverIT {

	private static final int CONNECTIONS = 32;

	private static final Duration LOAD = Duration.ofSeconds(30);

	@TempDir
	Path dir;

	@Test
	void restartsTwiceUnderLoadThroughNginxWithoutLosingARequest() throws Exception {
		Nginx.binary();
		Files.setPosixFilePermissions(this.dir, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path socket = SocketDirectories.create(this.dir, "hello").resolve("hello.sock");
		List<String> launcherOptions = new ArrayList<>(List.of("--mode", "0660"));
		if (Nginx.runningAsRoot()) {
			launcherOptions.addAll(List.of("--group", SocketDirectories.NGINX_GROUP));
		}
		TestCertificate certificate = TestCertificate.create(this.dir);
		try (Nginx nginx = Nginx.render(Files.createDirectory(this.dir.resolve("nginx")), "hello.conf",
				Map.of("/run/hello/hello.sock", socket.toString()), certificate);
				SocketLauncher service = SocketLauncher.start(this.dir, "unix:" + socket, launcherOptions,
						HttpTestClient.unix(socket), "--spring.profiles.active=prod",
						"--hello.access-log.enabled=false")) {
			nginx.start();
			Map<String, Object> before = Files.readAttributes(socket, "unix:ino,mode,uid,gid,ctime");
			Load load = new Load(HttpTestClient.tcp(nginx.httpPort()), CONNECTIONS);
			long started = System.nanoTime();
			load.start();
			Thread.sleep(3_000); // load on the first JVM before its restart
			service.restart();
			Thread.sleep(3_000);
			service.restart();
			long elapsed = System.nanoTime() - started;
			Thread.sleep(Math.max(3_000, LOAD.minusNanos(elapsed).toMillis()));
			load.stop();
			System.out.println("Socket-activated restarts under load: " + load);
			assertThat(load.failures())
				.as("failed requests; first: %s; nginx: %s", load.firstFailure(), nginx.errorLog())
				.isZero();
			assertThat(load.requests()).isGreaterThan(5_000);
			assertThat(service.pids()).hasSize(3).doesNotHaveDuplicates();
			assertThat(Files.readAttributes(socket, "unix:ino,mode,uid,gid,ctime"))
				.as("the socket file, neither re-created nor changed")
				.isEqualTo(before);
		}
	}

}
