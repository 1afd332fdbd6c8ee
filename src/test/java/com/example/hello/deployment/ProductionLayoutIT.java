package com.example.hello.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.example.hello.support.ChildJvm;
import com.example.hello.support.HttpTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The production layout ({@code ./mvnw -Pproduction package}, built here with this JDK)
 * started as the systemd units start it, {@code java @jvm.args $JAVA_OPTS -jar hello.jar}
 * in the prod profile with {@code deploy/systemd/hello.env}'s settings. Its bean
 * definitions are Spring AOT's, fixed at build time: each test changes a setting a
 * deployer makes at run time and checks that the service follows it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductionLayoutIT {

	private static final Pattern TCP_LISTENER = Pattern.compile("Listening at: http://127\\.0\\.0\\.1:([0-9]+)");

	/** A line of {@code -Xlog:class+load}: the class and where it came from. */
	private static final Pattern LOADED_CLASS = Pattern.compile("\\] (\\S+) source: (.*)$");

	/**
	 * Classes first loaded after the context is refreshed, which a training run stopped
	 * there left to the jars (checked on JDK 17 and 25): the listener's, the first
	 * connection's, request's and response's, hello's own per connection, and a page's
	 * rendering.
	 */
	private static final List<String> REQUEST_PATH = List.of("org.xnio.nio.WorkerThread",
			"io.undertow.server.protocol.http.HttpReadListener", "io.undertow.server.protocol.http.RequestParser",
			"io.undertow.server.protocol.http.HttpResponseConduit",
			"com.example.hello.http.RequestHeads$ScanningConduit", "org.thymeleaf.engine.TemplateModel");

	/**
	 * An entry of the training data the JVM lists ({@code -XX:+AOTPrintTrainingInfo}):
	 * its number and address.
	 */
	private static final Pattern TRAINING_DATA_ENTRY = Pattern.compile("^\\s*[0-9]+: 0x");

	private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private Path layout;

	@BeforeAll
	void build(@TempDir Path buildDir) throws Exception {
		Path project = Files.createDirectory(buildDir.resolve("project"));
		Commands.run(Duration.ofMinutes(2), "cp", "-R", "--preserve=timestamps", "pom.xml", "mvnw", ".mvn", "src",
				project.toString());
		ProcessBuilder build = new ProcessBuilder("./mvnw", "-Pproduction", "-DskipTests", "package")
			.directory(project.toFile());
		// the archive fits only the JVM that wrote it: this one, which runs the layout
		build.environment().put("JAVA_HOME", System.getProperty("java.home"));
		Commands.run(BUILD_TIMEOUT, build);
		this.layout = project.resolve("target/production");
	}

	@Test
	void runsAotProcessedOnItsSocketAsTheUnitsStartIt(@TempDir Path dir) throws Exception {
		Path socket = dir.resolve("hello.sock");
		HttpTestClient unix = HttpTestClient.unix(socket);
		try (ChildJvm service = start(dir, Map.of("HELLO_SOCKET", socket.toString()), unix)) {
			assertThat(service.standardOutput()).contains("Starting AOT-processed HelloApplication",
					"Listening at: unix:" + socket);
			// a class data archive or AOT cache that does not fit is ignored with a
			// warning
			assertThat(service.standardError().lines()).allMatch((line) -> line.startsWith("WARNING: "));
			assertThat(unix.get("/about").status()).isEqualTo(200);
			assertThat(unix.get("/actuator/health/readiness").body()).isEqualTo("{\"status\":\"UP\"}");
			assertThat(unix.get("/actuator/prometheus").body())
				.contains("undertow_threads_max{application=\"hello\"} 4.0");
			unix.get("/hello?probe=socket", "X-Forwarded-For: 198.51.100.9");
			awaitLine(service, "198.51.100.9 [", "\"GET /hello?probe=socket HTTP/1.1\" 200 12 ");
			service.terminate();
			assertThat(service.awaitExit(STOP_TIMEOUT)).isEqualTo(143);
		}
		assertThat(socket).doesNotExist();
	}

	/**
	 * The archive (or AOT cache) comes from a training run that served requests, so the
	 * classes of the listener and of a page's request path are mapped from it rather than
	 * loaded from the jars at the first request.
	 */
	@Test
	void mapsTheRequestPathFromTheArchiveOfItsTrainingRun(@TempDir Path dir) throws Exception {
		Path socket = dir.resolve("hello.sock");
		Path classes = dir.resolve("classes.log");
		HttpTestClient unix = HttpTestClient.unix(socket);
		Map<String, String> settings = Map.of("HELLO_SOCKET", socket.toString(), "JAVA_OPTS",
				HelloEnv.settings().get("JAVA_OPTS") + " -Xlog:class+load=info:file=" + classes);
		try (ChildJvm service = start(dir, settings, unix)) {
			assertThat(unix.get("/about").status()).isEqualTo(200);
			service.terminate();
			service.awaitExit(STOP_TIMEOUT);
		}
		Map<String, String> sources = new HashMap<>();
		for (String line : Files.readAllLines(classes)) {
			Matcher loaded = LOADED_CLASS.matcher(line);
			if (loaded.find()) {
				sources.put(loaded.group(1), loaded.group(2));
			}
		}
		assertThat(REQUEST_PATH)
			.allSatisfy((type) -> assertThat(sources.get(type)).as(type).startsWith("shared objects file"));
	}

	/**
	 * {@code jvm.args} loads the archive this JDK writes: a dynamic class data archive on
	 * JDK 17 to 24, an AOT cache on JDK 25. The AOT cache keeps the training run's
	 * classes, linked, but not its method profiles: with them the layout served fewer
	 * requests a second and started later
	 * (docs/performance.md#aot-cache-without-method-profiles). The JVM lists the cache's
	 * training data, one numbered entry per method or class; a cache trained with
	 * profiles listed thousands.
	 */
	@Test
	void loadsTheArchiveOfItsJdkWithoutMethodProfiles() throws Exception {
		List<String> jvmArgs = Files.readAllLines(this.layout.resolve("jvm.args"));
		if (Runtime.version().feature() < 25) {
			assertThat(jvmArgs).contains("-XX:SharedArchiveFile=hello.jsa");
			assertThat(this.layout.resolve("hello.jsa")).isRegularFile();
			assertThat(this.layout.resolve("hello.aot")).doesNotExist();
			return;
		}
		assertThat(jvmArgs).contains("-XX:AOTCache=hello.aot");
		assertThat(this.layout.resolve("hello.jsa")).doesNotExist();
		ProcessBuilder print = new ProcessBuilder(ChildJvm.java(), "-XX:AOTCache=hello.aot", "-XX:AOTMode=on",
				"-XX:+UnlockDiagnosticVMOptions", "-XX:+AOTPrintTrainingInfo", "-cp", "hello.jar:lib/*", "-version")
			.directory(this.layout.toFile());
		String listing = Commands.run(Duration.ofMinutes(1), print);
		assertThat(listing).contains("Archived TrainingData Dictionary", "mixed mode, sharing");
		assertThat(listing.lines().filter(TRAINING_DATA_ENTRY.asPredicate())).isEmpty();
	}

	@Test
	void followsTheLogListenerProxyAndThreadSettingsItIsStartedWith(@TempDir Path dir) throws Exception {
		Path socket = dir.resolve("hello.sock");
		Path accessLogs = dir.resolve("logs");
		HttpTestClient unix = HttpTestClient.unix(socket);
		Map<String, String> settings = Map.of("SERVER_BIND", "127.0.0.1:0,unix:" + socket, "HELLO_LOG_FORMAT", "ecs",
				"HELLO_ACCESS_LOG_DIR", accessLogs.toString(), "HELLO_TRUSTED_PROXIES", "10.0.0.0/8",
				"SPRING_THREADS_VIRTUAL_ENABLED", "true");
		try (ChildJvm service = start(dir, settings, unix)) {
			assertThat(service.standardOutput().lines()).isNotEmpty().allMatch((line) -> line.startsWith("{"));
			assertThat(service.standardOutput()).contains("\"message\":\"Starting AOT-processed HelloApplication");
			Matcher listening = TCP_LISTENER.matcher(service.standardOutput());
			assertThat(listening.find()).as("a Listening at: line for TCP in %s", service.log()).isTrue();
			HttpTestClient tcp = HttpTestClient.tcp(Integer.parseInt(listening.group(1)));
			// 127.0.0.3 is not one of the trusted proxies: its X-Forwarded-For is dropped
			tcp.from("127.0.0.3").get("/hello?probe=tcp", "X-Forwarded-For: 198.51.100.9");
			Path accessLog = accessLogs.resolve("access.log");
			await("the access log line in " + accessLog).atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> Files.exists(accessLog) && Files.readString(accessLog).contains("probe=tcp"));
			assertThat(Files.readString(accessLog)).contains("\"client\":{\"address\":\"127.0.0.3\"}");
			assertThat(service.standardOutput()).doesNotContain("probe=tcp");
			// on virtual threads, no request starts one of Undertow's request threads;
			// JDK 17 has none, and ignores the setting
			String idle = "undertow_threads_current{application=\"hello\"} 0.0";
			if (Runtime.version().feature() >= 21) {
				assertThat(unix.get("/actuator/prometheus").body()).contains(idle);
			}
			else {
				assertThat(unix.get("/actuator/prometheus").body()).doesNotContain(idle);
			}
		}
	}

	@Test
	void logsNoRequestWhenTheAccessLogIsOff(@TempDir Path dir) throws Exception {
		Path socket = dir.resolve("hello.sock");
		HttpTestClient unix = HttpTestClient.unix(socket);
		try (ChildJvm service = start(dir,
				Map.of("HELLO_SOCKET", socket.toString(), "HELLO_ACCESSLOG_ENABLED", "false"), unix)) {
			unix.get("/hello?probe=off");
			service.terminate();
			service.awaitExit(STOP_TIMEOUT);
			assertThat(service.standardOutput()).contains("Starting AOT-processed HelloApplication")
				.doesNotContain("probe=off");
		}
	}

	@Test
	void stopsOnABadSettingWithOneLine(@TempDir Path dir) throws Exception {
		Path output = dir.resolve("output");
		Process process = service(dir, Map.of("HELLO_TRUSTED_PROXIES", "nonsense")).redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		try {
			assertThat(process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).isEqualTo(1);
		}
		finally {
			process.destroyForcibly();
		}
		assertThat(Files.readString(output)).contains("Starting AOT-processed HelloApplication",
				"Invalid server.trusted-proxies='nonsense': expected an IP address or a CIDR range such as 10.0.0.0/8 "
						+ "or ::1, not 'nonsense' (set by the environment variable HELLO_TRUSTED_PROXIES, hello's shortcut "
						+ "for server.trusted-proxies)")
			.doesNotContain(" WARN ", "APPLICATION FAILED TO START", "\tat ");
	}

	private ChildJvm start(Path dir, Map<String, String> settings, HttpTestClient client) throws IOException {
		return ChildJvm.start(service(dir, settings), dir, client);
	}

	/**
	 * The command line and environment of {@code hello.service}, with {@code settings}
	 * added to {@code hello.env}'s.
	 */
	private ProcessBuilder service(Path dir, Map<String, String> settings) throws IOException {
		Map<String, String> environment = new HashMap<>(HelloEnv.settings());
		environment.put("SPRING_PROFILES_ACTIVE", "prod");
		environment.putAll(settings);
		List<String> command = new ArrayList<>();
		command.add(ChildJvm.java());
		command.add("@jvm.args");
		command.addAll(Arrays.asList(environment.remove("JAVA_OPTS").split(" +")));
		// the unit's PrivateTmp: Undertow's temporary directories belong to the test
		command.add("-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp")));
		command.addAll(List.of("-jar", "hello.jar"));
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.layout.toFile());
		builder.environment().putAll(environment);
		return builder;
	}

	private static void awaitLine(ChildJvm service, String... parts) {
		await("an access log line with " + Arrays.toString(parts)).atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> service.standardOutput()
				.lines()
				.anyMatch((line) -> Arrays.stream(parts).allMatch(line::contains)));
	}

}
