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
 * A restart without a gap from a single instance: the shipped site in front of a socket
 * that outlives the service, as systemd's {@code hello.socket} keeps it (played by the
 * shipped launcher). Under load, the service is restarted twice, each time a new JVM
 * starting beside the old one, which stops only once the new one is ready; on a quiet
 * machine, and with two busy processes holding the cores for the whole load. Not one
 * request may fail, none may wait long (the client waits as long as nginx does, so a slow
 * one is measured instead of failing), and nginx may not see one reset.
 */
class SocketActivationHandoverIT {

	private static final int CONNECTIONS = 32;

	/**
	 * The load average per core that the test itself makes (nginx, the load's 32
	 * connections, the JVMs), beyond which the machine is busy with other work and a
	 * latency bound is reported, not asserted.
	 */
	private static final double QUIET_LOAD_PER_CORE = 4;

	/** nginx's proxy_read_timeout: the client gives up no sooner than nginx would. */
	private static final Duration NGINX_TIMEOUT = Duration.ofSeconds(60);

	@TempDir
	Path dir;

	@Test
	void restartsTwiceUnderLoadThroughNginxWithoutLosingARequest() throws Exception {
		Load load = restartTwiceUnderLoad(Duration.ofSeconds(30), null);
		load.assertLongestUnder(Duration.ofSeconds(1), QUIET_LOAD_PER_CORE);
	}

	@Test
	void restartsTwiceUnderLoadWhileBusyProcessesHoldEveryCore() throws Exception {
		try (BusyCores busy = BusyCores.start()) {
			Load load = restartTwiceUnderLoad(Duration.ofSeconds(60), busy);
			assertThat(busy.allRunning()).as("the busy processes, for the whole load").isTrue();
			load.assertLongestUnder(Duration.ofSeconds(2), QUIET_LOAD_PER_CORE + 1);
		}
	}

	private Load restartTwiceUnderLoad(Duration duration, BusyCores busy) throws Exception {
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
				SocketLauncher service = SocketLauncher.startWithHelloEnv(this.dir, "unix:" + socket, launcherOptions,
						HttpTestClient.unix(socket), "--spring.profiles.active=prod",
						"--hello.access-log.enabled=false")) {
			nginx.start();
			Map<String, Object> before = Files.readAttributes(socket, "unix:ino,mode,uid,gid,ctime");
			Load load = new Load(HttpTestClient.tcp(nginx.httpPort()).waitingUpTo(NGINX_TIMEOUT), CONNECTIONS);
			long started = System.nanoTime();
			load.start();
			Thread.sleep(3_000); // load on the first JVM before its restart
			List<String> timeline = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				if (i > 0) {
					Thread.sleep(3_000);
				}
				timeline.add("restart " + load.secondsSinceStart() + "s");
				service.restart();
				timeline.add("old exited " + load.secondsSinceStart() + "s");
			}
			long elapsed = System.nanoTime() - started;
			Thread.sleep(Math.max(3_000, duration.minusNanos(elapsed).toMillis()));
			load.stop();
			System.out.println("Socket-activated restarts under load"
					+ ((busy != null) ? " with " + busy.count() + " busy processes" : ", quiet") + " (JDK "
					+ Runtime.version().feature() + "): " + load + "; " + timeline + "; seconds over 300 ms: "
					+ load.slowSeconds(Duration.ofMillis(300)));
			assertThat(load.failures())
				.as("failed requests; first: %s; nginx: %s", load.firstFailure(), nginx.errorLog())
				.isZero();
			assertThat(nginx.errorLog()).as("nginx's errors: a reset is a request hello was given and dropped")
				.doesNotContain("Connection reset by peer", "prematurely closed");
			assertThat(load.requests()).isGreaterThan(5_000);
			assertThat(service.pids()).hasSize(3).doesNotHaveDuplicates();
			assertThat(service.running()).as("JVMs running after the restarts").hasSize(1);
			assertThat(service.log()).as("the head scanner saw every head to its end")
				.doesNotContain("Request head not seen to its end");
			assertThat(service.log()).as("each old JVM stopped once its replacement was ready")
				.contains(" is ready\n", "socket-launcher: restarting: pid ");
			assertThat(Files.readAttributes(socket, "unix:ino,mode,uid,gid,ctime"))
				.as("the socket file, neither re-created nor changed")
				.isEqualTo(before);
			return load;
		}
	}

}
