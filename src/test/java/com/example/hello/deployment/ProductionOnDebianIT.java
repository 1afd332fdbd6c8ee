package com.example.hello.deployment;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.example.hello.support.HttpTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/deployment.md's production section, run as written on a fresh Debian 12 under a
 * live systemd ({@link DebianMachine}): the build on this host, then every step in the
 * machine, the checks an operator would make, the rolling deploy and the socket-activated
 * restart under a load through the machine's nginx. The machine shares this host's
 * network, so its nginx listens on this host's ports 80 and 443, which must be free.
 * <p>
 * Needs root, {@code debootstrap} and {@code systemd-nspawn}: skipped, loudly, on a
 * developer machine without them, and a failure in CI. The block numbers below are
 * docs/deployment.md's; {@link DocumentedProductionStepsTests} fails the build when
 * docs/deployment.md's commands change and this test has not been checked against them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProductionOnDebianIT {

	static final int BUILD = 0;

	private static final List<Integer> INSTALL = List.of(1, 2, 3, 4);

	private static final int TWO_INSTANCES = 5;

	private static final int DEPLOY = 6;

	private static final int SOCKET_ACTIVATION = 7;

	private static final int ACTIVATED_RESTART = 8;

	private static final int CONNECTIONS = 16;

	/**
	 * The load average per core that the test itself makes, beyond which the machine is
	 * busy with other work and a latency bound is reported, not asserted.
	 */
	private static final double QUIET_LOAD_PER_CORE = 4;

	/** The instance of hello-activated@.service that runs now, as a shell expression. */
	private static final String ACTIVE_INSTANCE = "\"$(systemctl list-units --plain --no-legend --state=active"
			+ " 'hello-activated@*.service' | cut -d' ' -f1)\"";

	/** How long the load of the socket-activated restarts lasts at least. */
	private static final Duration LOAD = Duration.ofSeconds(60);

	private static final Duration STEP_TIMEOUT = Duration.ofMinutes(10);

	private DocumentedProductionSteps steps;

	private DebianMachine debian;

	@BeforeAll
	void buildAndBoot(@TempDir Path dir) throws Exception {
		requireRoot();
		assertPortsFree(80, 443);
		this.steps = DocumentedProductionSteps.read();
		Path project = copyProject(dir.resolve("project"));
		ProcessBuilder build = new ProcessBuilder("/bin/bash", "-euo", "pipefail", "-c", this.steps.block(BUILD))
			.directory(project.toFile());
		// the machine runs Debian's Java 17: its class data archive must come from a 17
		build.environment().put("JAVA_HOME", jdk17().toString());
		Commands.run(STEP_TIMEOUT, build);
		this.debian = DebianMachine.boot(Files.createDirectory(dir.resolve("debian")));
		Path hello = Files.createDirectories(this.debian.root().resolve("root/hello"));
		Commands.run(Duration.ofMinutes(2), "cp", "-R", "--preserve=timestamps",
				project.resolve("target/production").toString(), project.resolve("nginx").toString(),
				project.resolve("deploy").toString(), project.resolve("tools").toString(), hello.toString());
	}

	@AfterAll
	void powerOff() throws InterruptedException {
		if (this.debian != null) {
			this.debian.close();
		}
	}

	@Test
	@Order(2)
	void installsTheServiceAndNginxAsReadmeSays() throws Exception {
		for (int step : INSTALL) {
			run(this.steps.block(step));
		}
		assertThat(run("stat -c '%a %U:%G' /run/hello/hello.sock")).isEqualTo("660 hello:hello");
		assertThat(run("sudo -u www-data curl -sf --unix-socket /run/hello/hello.sock http://localhost/hello"))
			.isEqualTo("Hello World!");
		assertThat(run("sudo -u nobody curl -s --unix-socket /run/hello/hello.sock http://localhost/hello"
				+ " || echo \"refused: $?\""))
			.startsWith("refused: ");
		assertThat(run("curl -sf http://localhost/hello")).isEqualTo("Hello World!");
		assertThat(run("curl -s -o /dev/null -w '%{http_code}' http://localhost/actuator/health")).isEqualTo("404");
		assertThat(run("curl -s -o /dev/null -w '%{http_code}' http://localhost/actuator/prometheus")).isEqualTo("404");
		String journal = run("journalctl -u hello --no-pager");
		assertThat(journal)
			.contains("Starting AOT-processed HelloApplication", "Listening at: unix:/run/hello/hello.sock",
					"Started HelloApplication")
			.containsPattern("\"GET /hello HTTP/1.[01]\" 200 12 ");
	}

	@Test
	@Order(3)
	void restartsAndStopsUnderSystemd() throws Exception {
		String before = run("systemctl show -p MainPID --value hello");
		run("systemctl restart hello\n" + awaitReady("/run/hello/hello.sock"));
		assertThat(run("systemctl show -p MainPID --value hello")).isNotEqualTo(before);
		assertThat(run("curl -sf http://localhost/hello")).isEqualTo("Hello World!");
		assertEveryThreadRunsBatch("hello");
		assertTheJvmHasHelloEnvsMallocArenas("hello");
		run("systemctl stop hello");
		assertThat(run("test -e /run/hello/hello.sock && echo there || echo gone")).isEqualTo("gone");
		run("systemctl start hello\n" + awaitReady("/run/hello/hello.sock"));
	}

	@Test
	@Order(4)
	void deploysARollingReleaseUnderLoadWithoutAFailedRequest() throws Exception {
		run(this.steps.block(TWO_INSTANCES));
		awaitNginxReloaded();
		Load quiet = rollingDeployUnderLoad("quiet");
		quiet.assertLongestUnder(Duration.ofSeconds(1), QUIET_LOAD_PER_CORE);
		try (Busy busy = busyCores()) {
			Load loaded = rollingDeployUnderLoad("with " + busy.count + " busy processes");
			assertThat(busy.allRunning()).as("the busy processes, for the whole load").isTrue();
			loaded.assertLongestUnder(Duration.ofSeconds(2), QUIET_LOAD_PER_CORE + 1);
		}
		assertEveryThreadRunsBatch("hello@1");
		assertEveryThreadRunsBatch("hello@2");
	}

	private Load rollingDeployUnderLoad(String machine) throws Exception {
		Load load = loadThroughNginx();
		Thread.sleep(2_000);
		run(this.steps.block(DEPLOY));
		Thread.sleep(2_000);
		load.stop();
		System.out.println("Rolling deploy under systemd, " + machine + ": " + load);
		assertThat(load.failures())
			.as("failed requests; first: %s; %s", load.firstFailure(), diagnostics("hello@1", "hello@2"))
			.isZero();
		assertThat(load.requests()).isGreaterThan(1_000);
		return load;
	}

	@Test
	@Order(5)
	void restartsTheSocketActivatedServiceUnderLoadWithoutAFailedRequest() throws Exception {
		String errorLog = "/var/log/nginx/hello.error.log";
		int errorsBefore = Integer.parseInt(run("wc -l < " + errorLog));
		run(this.steps.block(SOCKET_ACTIVATION));
		awaitNginxReloaded();
		String socket = "stat -c '%i %a %U:%G' /run/hello/hello.sock";
		String before = run(socket);
		assertThat(before).endsWith(" 660 hello:hello");
		Load quiet = restartTwiceUnderLoad("quiet");
		quiet.assertLongestUnder(Duration.ofSeconds(1), QUIET_LOAD_PER_CORE);
		try (Busy busy = busyCores()) {
			Load loaded = restartTwiceUnderLoad("with " + busy.count + " busy processes");
			assertThat(busy.allRunning()).as("the busy processes, for the whole load").isTrue();
			loaded.assertLongestUnder(Duration.ofSeconds(2), QUIET_LOAD_PER_CORE + 1);
		}
		assertEveryThreadRunsBatch(ACTIVE_INSTANCE);
		assertTheJvmHasHelloEnvsMallocArenas(ACTIVE_INSTANCE);
		assertThat(run(socket)).as("the socket, kept by systemd").isEqualTo(before);
		assertThat(run("journalctl -u 'hello-activated@*' --no-pager")).contains(
				"Listening at: fd://0 (unix:/run/hello/hello.sock, inherited from ", "Handed over in ",
				"Told the service manager that hello is ready");
		assertThat(
				run("tail -n +" + (errorsBefore + 1) + " " + errorLog + " | grep 'Connection reset by peer' || true"))
			.as("resets since the socket-activated service started: requests hello was given and dropped")
			.isEmpty();
		assertThat(run("curl -s -o /dev/null -w '%{http_code}' http://localhost/actuator/health")).isEqualTo("404");
	}

	/**
	 * The documented restart, twice under load, each time one instance afterwards: a new
	 * main PID, and the old one gone.
	 */
	private Load restartTwiceUnderLoad(String machine) throws Exception {
		long started = System.nanoTime();
		Load load = loadThroughNginx();
		Thread.sleep(2_000);
		for (int i = 0; i < 2; i++) {
			String pid = run("systemctl show -p MainPID --value " + ACTIVE_INSTANCE);
			run(this.steps.block(ACTIVATED_RESTART));
			assertThat(run("systemctl list-units --plain --no-legend --state=active,activating,deactivating"
					+ " 'hello-activated@*.service' | wc -l"))
				.as("instances after the restart")
				.isEqualTo("1");
			assertThat(run("systemctl show -p MainPID --value " + ACTIVE_INSTANCE)).isNotEqualTo(pid);
			assertThat(run("kill -0 " + pid + " 2>/dev/null && echo alive || echo gone")).isEqualTo("gone");
			Thread.sleep(2_000);
		}
		load.stop(LOAD.minus(Duration.ofNanos(System.nanoTime() - started)));
		System.out.println("Socket-activated restarts under systemd, " + machine + ": " + load);
		assertThat(load.failures())
			.as("failed requests; first: %s; %s", load.firstFailure(),
					diagnostics("hello-activated@1", "hello-activated@2", "hello-activated"))
			.isZero();
		assertThat(load.requests()).isGreaterThan(1_000);
		return load;
	}

	/**
	 * Two busy processes in the machine at the service's priority (SCHED_BATCH, nice 0,
	 * as the units run it), holding both cores until closed.
	 */
	private Busy busyCores() throws IOException, InterruptedException {
		int count = 2;
		for (int i = 1; i <= count; i++) {
			run("systemd-run --quiet --unit=busy" + i
					+ " -p CPUSchedulingPolicy=batch /bin/sh -c 'while :; do :; done'");
		}
		return new Busy(count);
	}

	private final class Busy implements AutoCloseable {

		private final int count;

		Busy(int count) {
			this.count = count;
		}

		boolean allRunning() throws IOException, InterruptedException {
			for (int i = 1; i <= this.count; i++) {
				if (!run("systemctl is-active busy" + i + " || true").equals("active")) {
					return false;
				}
			}
			return true;
		}

		@Override
		public void close() throws IOException, InterruptedException {
			for (int i = 1; i <= this.count; i++) {
				run("systemctl stop busy" + i + " || true");
			}
		}

	}

	/** Every unit's exposure, as {@code systemd-analyze security} rates it, stays low. */
	@Test
	@Order(6)
	void theServiceUnitsAreHardenedAsFarAsTheServiceRuns() throws Exception {
		Pattern exposure = Pattern.compile("Overall exposure level for (\\S+): ([0-9.]+)");
		for (String unit : List.of("hello.service", "hello@1.service", "hello-activated@1.service")) {
			String report = run("systemd-analyze security --no-pager " + unit);
			Matcher matcher = exposure.matcher(report);
			assertThat(matcher.find()).as(report).isTrue();
			System.out.println("systemd-analyze security " + unit + ": " + matcher.group(2));
			assertThat(Double.parseDouble(matcher.group(2))).as(report).isLessThanOrEqualTo(2.0);
		}
	}

	/**
	 * The unit's {@code CPUSchedulingPolicy} reaches every thread of the service's JVM,
	 * the request threads it started for the requests answered so far included.
	 */
	private void assertEveryThreadRunsBatch(String unit) throws IOException, InterruptedException {
		List<String> policies = run("chrt --all-tasks --pid \"$(systemctl show -p MainPID --value " + unit + ")\""
				+ " | grep 'scheduling policy'")
			.lines()
			.map((line) -> line.substring(line.lastIndexOf(' ') + 1))
			.toList();
		assertThat(policies).as(unit + "'s threads").hasSizeGreaterThan(10).containsOnly("SCHED_BATCH");
	}

	/**
	 * The unit's {@code EnvironmentFile} reaches the JVM's own environment, where glibc
	 * reads it: {@code MALLOC_ARENA_MAX} as {@code deploy/systemd/hello.env} sets it.
	 */
	private void assertTheJvmHasHelloEnvsMallocArenas(String unit) throws IOException, InterruptedException {
		String arenas = HelloEnv.settings().get("MALLOC_ARENA_MAX");
		assertThat(arenas).as("deploy/systemd/hello.env's MALLOC_ARENA_MAX").isNotBlank();
		String environment = run(
				"tr '\\0' '\\n' < /proc/\"$(systemctl show -p MainPID --value " + unit + ")\"/environ");
		assertThat(environment.lines()).as(unit + "'s environment").contains("MALLOC_ARENA_MAX=" + arenas);
	}

	/**
	 * Load on the machine's nginx. A request may wait as long as nginx does for the
	 * service (proxy_read_timeout): one that waits for a start-up has not failed.
	 */
	private Load loadThroughNginx() {
		Load load = new Load(HttpTestClient.tcp(80).waitingUpTo(Duration.ofSeconds(60)), CONNECTIONS);
		load.start();
		return load;
	}

	private String diagnostics(String... units) throws IOException, InterruptedException {
		StringBuilder journal = new StringBuilder("journal:\n");
		for (String unit : units) {
			// the log without the access lines of answered requests: a refused one stays
			journal.append(run("journalctl -u " + unit + " --no-pager | grep -v '\" 200 ' | tail -n 40 || true"))
				.append('\n');
		}
		return journal + "nginx, not 200:\n"
				+ run("grep -v '\" 200 ' /var/log/nginx/hello.access.log | tail -n 10 || true") + "\nnginx:\n"
				+ run("grep -v 'hello.sock failed (2: No such file' /var/log/nginx/hello.error.log | tail -n 30 || true");
	}

	/**
	 * A reload is done once nginx's old workers have exited: until then they may still
	 * serve a new connection with the old site, or close one that a client reuses.
	 */
	private void awaitNginxReloaded() throws IOException, InterruptedException {
		run("for i in $(seq 1 300); do\n"
				+ "  [ \"$(grep -lx nginx /proc/[0-9]*/comm 2>/dev/null | wc -l)\" -le $(( $(nproc) + 1 )) ] && exit 0\n"
				+ "  sleep 0.1\ndone\nexit 1");
	}

	private static String awaitReady(String socket) {
		return "for i in $(seq 1 120); do sudo -u www-data curl -sf --unix-socket " + socket
				+ " http://localhost/actuator/health/readiness && exit 0; sleep 1; done; exit 1";
	}

	private String run(String script) throws IOException, InterruptedException {
		return this.debian.run(STEP_TIMEOUT, script)
			.lines()
			.filter((line) -> !line.startsWith("sudo: unable to resolve host"))
			.reduce((first, second) -> first + "\n" + second)
			.orElse("")
			.strip();
	}

	private static void requireRoot() {
		if (Nginx.runningAsRoot()) {
			return;
		}
		String message = "the production test boots a Debian machine and needs root";
		if ("true".equals(System.getenv("CI"))) {
			throw new AssertionError(message + ", and in CI (CI=true) it must run");
		}
		System.err.println("SKIPPED: " + message);
		Assumptions.abort(message);
	}

	private static void assertPortsFree(int... ports) throws IOException {
		for (int port : ports) {
			try (ServerSocket socket = new ServerSocket()) {
				socket.bind(new InetSocketAddress(port));
			}
			catch (IOException ex) {
				throw new IllegalStateException("Port " + port + " is in use: the machine's nginx needs it", ex);
			}
		}
	}

	private static Path copyProject(Path copy) throws IOException, InterruptedException {
		Files.createDirectories(copy);
		Commands.run(Duration.ofMinutes(2), "cp", "-R", "--preserve=timestamps", "pom.xml", "mvnw", ".mvn", "src",
				"nginx", "deploy", "tools", copy.toString());
		return copy;
	}

	private static Path jdk17() {
		if (Runtime.version().feature() == 17) {
			return Path.of(System.getProperty("java.home"));
		}
		for (String candidate : List.of("/usr/lib/jvm/java-17-openjdk-amd64", "/usr/lib/jvm/temurin-17-jdk-amd64")) {
			if (Files.isExecutable(Path.of(candidate, "bin", "java"))) {
				return Path.of(candidate);
			}
		}
		throw new IllegalStateException("the production test builds with a JDK 17, as the machine runs Java 17");
	}

}
