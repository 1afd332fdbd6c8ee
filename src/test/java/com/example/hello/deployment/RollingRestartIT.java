package com.example.hello.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.hello.support.ChildJvm;
import com.example.hello.support.HttpTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restart without downtime: two instances on two sockets behind the shipped
 * two-instance site, under load, each in turn stopped with SIGTERM and started again, on
 * a quiet machine and with two busy processes holding the cores for the whole load. The
 * instances run with {@code deploy/systemd/hello.env}'s settings, as the units run them.
 * Not one request may fail, none may wait long (the client waits as long as nginx does),
 * and the head scanner must see every head to its end.
 */
class RollingRestartIT {

	private static final int CONNECTIONS = 32;

	private static final Duration MINIMUM_LOAD = Duration.ofSeconds(30);

	/**
	 * The test's own timing, per round: a JVM start-up took over a minute on this 2-core
	 * machine crowded by other builds and the busy processes (a round of two restarts,
	 * 155 s once).
	 */
	private static final Duration MAXIMUM_LOAD = Duration.ofMinutes(5);

	@TempDir
	Path dir;

	/**
	 * How many times each instance is restarted in turn; more for a long run
	 * ({@code -Dhello.rolling-restart.rounds=N}), such as the one that looked for the
	 * head scanner's miss (docs/restarts.md).
	 */
	private static final int ROUNDS = Integer.getInteger("hello.rolling-restart.rounds", 1);

	/**
	 * The load average per core that the test itself makes (nginx, the load's 32
	 * connections, the JVMs), beyond which the machine is busy with other work and a
	 * latency bound is reported, not asserted.
	 */
	private static final double QUIET_LOAD_PER_CORE = 4;

	/** nginx's proxy_read_timeout: the client gives up no sooner than nginx would. */
	private static final Duration NGINX_TIMEOUT = Duration.ofSeconds(60);

	@Test
	void restartsEachInstanceInTurnUnderLoadWithoutLosingARequest() throws Exception {
		Load load = restartEachInTurnUnderLoad(MINIMUM_LOAD, null);
		load.assertLongestUnder(Duration.ofSeconds(1), QUIET_LOAD_PER_CORE);
	}

	@Test
	void restartsEachInstanceInTurnWhileBusyProcessesHoldEveryCore() throws Exception {
		try (BusyCores busy = BusyCores.start()) {
			Load load = restartEachInTurnUnderLoad(Duration.ofSeconds(60), busy);
			assertThat(busy.allRunning()).as("the busy processes, for the whole load").isTrue();
			load.assertLongestUnder(Duration.ofSeconds(2), QUIET_LOAD_PER_CORE + 1);
		}
	}

	private Load restartEachInTurnUnderLoad(Duration duration, BusyCores busy) throws Exception {
		Nginx.binary();
		Files.setPosixFilePermissions(this.dir, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path first = SocketDirectories.create(this.dir, "hello-1").resolve("hello.sock");
		Path second = SocketDirectories.create(this.dir, "hello-2").resolve("hello.sock");
		TestCertificate certificate = TestCertificate.create(this.dir);
		try (Nginx nginx = Nginx.render(Files.createDirectory(this.dir.resolve("nginx")), "hello-two-instances.conf",
				Map.of("/run/hello-1/hello.sock", first.toString(), "/run/hello-2/hello.sock", second.toString()),
				certificate); Instance one = new Instance(first); Instance two = new Instance(second)) {
			one.start();
			two.start();
			nginx.start();
			// metrics are for operators on the sockets, not for nginx's clients
			assertThat(HttpTestClient.tcp(nginx.httpPort()).get("/actuator/prometheus").status()).isEqualTo(404);
			assertThat(HttpTestClient.unix(first).get("/actuator/prometheus").status()).isEqualTo(200);
			Load load = new Load(HttpTestClient.tcp(nginx.httpPort()).waitingUpTo(NGINX_TIMEOUT), CONNECTIONS);
			long started = System.nanoTime();
			load.start();
			Thread.sleep(3_000); // load on both instances before the first restart
			for (int round = 0; round < ROUNDS; round++) {
				one.restart();
				two.restart();
			}
			long elapsed = System.nanoTime() - started;
			// load after the restarts, and for MINIMUM_LOAD in all: the test's own timing
			Thread.sleep(Math.max(3_000, duration.minusNanos(elapsed).toMillis()));
			load.stop();
			System.out.println("Rolling restart under load"
					+ ((busy != null) ? " with " + busy.count() + " busy processes" : ", quiet") + " (JDK "
					+ Runtime.version().feature() + "): " + load + "; seconds over 300 ms: "
					+ load.slowSeconds(Duration.ofMillis(300)));
			assertThat(load.failures())
				.as("failed requests; first: %s; nginx: %s; Undertow's request errors: %s", load.firstFailure(),
						nginx.errorLog()
							.lines()
							.filter((line) -> line.contains("] "))
							.map((line) -> line.replaceAll("^.*?\\] ", "").replaceAll("\\*[0-9]+ ", ""))
							.distinct()
							.limit(10)
							.toList(),
						requestErrors(one, two))
				.isZero();
			assertThat(load.requests()).isGreaterThan(10_000);
			assertThat(nginx.errorLog()).as("requests reached each instance while it was down, and were passed on")
				.contains(first + " failed", second + " failed");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(MAXIMUM_LOAD.multipliedBy(ROUNDS));
			assertThat(String.join("\n", one.logs()) + String.join("\n", two.logs()))
				.as("the head scanner saw every head to its end")
				.doesNotContain("Request head not seen to its end");
			return load;
		}
	}

	/**
	 * What Undertow logged about requests it failed (its UT005xxx messages, with the line
	 * of the exception after each), in every run of each instance: a bare 400 shows up
	 * here only, as it never reaches the access log.
	 */
	private static List<String> requestErrors(Instance... instances) {
		List<String> errors = new ArrayList<>();
		for (Instance instance : instances) {
			for (String log : instance.logs()) {
				List<String> lines = log.lines().toList();
				for (int i = 0; i < lines.size() && errors.size() < 20; i++) {
					if (lines.get(i).contains(": UT005")) {
						errors.add(lines.get(i).replaceAll("^.*?\\] ", "")
								+ ((i + 2 < lines.size()) ? " " + lines.get(i + 2) : ""));
					}
				}
			}
		}
		return errors;
	}

	/** One service instance in a JVM of its own, restarted as systemd would. */
	private final class Instance implements AutoCloseable {

		private final Path socket;

		private ChildJvm jvm;

		/** The logs of the runs before this one. */
		private final List<String> earlierLogs = new ArrayList<>();

		Instance(Path socket) {
			this.socket = socket;
		}

		void start() throws IOException {
			// a bare 400 from Undertow's parser is logged at debug only
			List<String> args = new ArrayList<>(
					List.of("--spring.profiles.active=prod", "--server.bind=unix:" + this.socket,
							"--hello.access-log.enabled=false", "--logging.level.io.undertow.request.io=debug",
							// as hello@.service sets it
							"--server.unix-socket.warm-up=true"));
			SocketDirectories.groupSettings().forEach((key, value) -> args.add("--" + key + "=" + value));
			// as the units run it: hello.env's JAVA_OPTS on the command line, the rest in
			// the environment
			Map<String, String> settings = new HashMap<>(HelloEnv.settings());
			List<String> command = new ArrayList<>(ChildJvm.command(RollingRestartIT.this.dir));
			command.addAll(1, Arrays.asList(settings.remove("JAVA_OPTS").trim().split("\\s+")));
			command.addAll(args);
			ProcessBuilder builder = new ProcessBuilder(command);
			settings.forEach((name, value) -> {
				if (!value.isEmpty()) {
					builder.environment().put(name, value);
				}
			});
			this.jvm = ChildJvm.start(builder, RollingRestartIT.this.dir, HttpTestClient.unix(this.socket));
		}

		void restart() throws IOException {
			this.jvm.terminate();
			this.jvm.awaitExit(Duration.ofSeconds(30));
			this.earlierLogs.add(this.jvm.log());
			assertThat(this.socket).as("removed on SIGTERM").doesNotExist();
			start();
		}

		/** The logs of every run so far, this one's last. */
		List<String> logs() {
			List<String> logs = new ArrayList<>(this.earlierLogs);
			if (this.jvm != null) {
				logs.add(this.jvm.log());
			}
			return logs;
		}

		@Override
		public void close() {
			if (this.jvm != null) {
				this.jvm.close();
			}
		}

	}

}
