package com.example.hello.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
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

import org.awaitility.core.ConditionTimeoutException;

import com.example.hello.support.ChildJvm;
import com.example.hello.support.HttpTestClient;

import static org.awaitility.Awaitility.await;

/**
 * The service started by the shipped {@code tools/socket-launcher.py}, which plays
 * systemd's socket activation: it binds the socket once and passes it to each JVM as
 * standard input, where the service takes it with {@code server.bind=fd://0}. The JVMs
 * run from the test class path, as {@link ChildJvm}'s do. Restarts go through the
 * launcher, which starts the new JVM beside the old one and stops the old one once the
 * new one is ready; everything is stopped by its PID.
 */
final class SocketLauncher implements AutoCloseable {

	static final Path SCRIPT = Path.of("tools", "socket-launcher.py");

	private static final Duration TIMEOUT = Duration.ofMinutes(3);

	private static final Pattern STARTED = Pattern.compile("socket-launcher: started pid (\\d+)");

	private final Process launcher;

	private final Path log;

	private final HttpTestClient client;

	private SocketLauncher(Process launcher, Path log, HttpTestClient client) {
		this.launcher = launcher;
		this.log = log;
		this.client = client;
	}

	static Path python() {
		return RequiredTool.find("python3", "apt-get install -y python3", "the socket-activation tests");
	}

	/**
	 * Binds {@code address} ({@code unix:PATH} or {@code HOST:PORT}) and starts the
	 * service on it ({@code server.bind=fd://0} unless the arguments bind otherwise) with
	 * the given launcher options and service arguments; returns once {@code client} gets
	 * an answer from {@code /hello}.
	 */
	static SocketLauncher start(Path workDir, String address, List<String> launcherOptions, HttpTestClient client,
			String... args) throws IOException {
		return start(workDir, address, launcherOptions, client, false, args);
	}

	/**
	 * As {@link #start(Path, String, List, HttpTestClient, String...)}, with the settings
	 * of {@code deploy/systemd/hello.env} as the units pass them: its {@code JAVA_OPTS}
	 * on the java command line, everything else in the environment.
	 */
	static SocketLauncher startWithHelloEnv(Path workDir, String address, List<String> launcherOptions,
			HttpTestClient client, String... args) throws IOException {
		return start(workDir, address, launcherOptions, client, true, args);
	}

	private static SocketLauncher start(Path workDir, String address, List<String> launcherOptions,
			HttpTestClient client, boolean helloEnv, String... args) throws IOException {
		List<String> command = new ArrayList<>(List.of(python().toString(), SCRIPT.toString()));
		command.addAll(launcherOptions);
		command.add(address);
		command.add("--");
		List<String> jvm = new ArrayList<>(ChildJvm.command(workDir));
		Map<String, String> settings = helloEnv ? new HashMap<>(HelloEnv.settings()) : Map.of();
		if (helloEnv) {
			jvm.addAll(1, Arrays.asList(settings.remove("JAVA_OPTS").trim().split("\\s+")));
		}
		command.addAll(jvm);
		if (Arrays.stream(args).noneMatch((arg) -> arg.startsWith("--server.bind="))) {
			command.add("--server.bind=fd://0");
		}
		command.addAll(List.of(args));
		Path log = Files.createTempFile(workDir, "launcher", ".log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		settings.forEach((name, value) -> {
			if (!value.isEmpty()) {
				builder.environment().put(name, value);
			}
		});
		Process process = builder.start();
		SocketLauncher launcher = new SocketLauncher(process, log, client);
		launcher.awaitStarts(1);
		launcher.awaitReady(launcher.pids().get(0));
		return launcher;
	}

	/**
	 * Restarts the service without a gap, as the launcher does on SIGHUP (a new JVM
	 * beside the old one; once it is ready, SIGTERM to the old one), and returns once the
	 * old JVM has handed over and exited: one JVM runs afterwards.
	 */
	void restart() throws IOException, InterruptedException {
		List<Long> before = pids();
		Commands.run(Duration.ofSeconds(10), List.of("kill", "-HUP", String.valueOf(this.launcher.pid())));
		awaitStarts(before.size() + 1);
		long old = before.get(before.size() - 1);
		try {
			await("pid " + old + " to hand over and exit").atMost(TIMEOUT)
				.pollInterval(Duration.ofMillis(100))
				.failFast("the launcher exited", () -> !this.launcher.isAlive())
				.until(() -> log().contains("socket-launcher: pid " + old + " exited"));
		}
		catch (ConditionTimeoutException | org.awaitility.core.TerminalFailureException ex) {
			throw new IllegalStateException("The old JVM did not exit:\n" + log(), ex);
		}
	}

	/**
	 * Waits until the JVM has told the launcher it is ready (READY=1, after its warm-up),
	 * as a restart does for the new one.
	 */
	private void awaitReady(long pid) {
		try {
			await("pid " + pid + " to be ready").atMost(TIMEOUT)
				.pollInterval(Duration.ofMillis(100))
				.failFast("the launcher exited", () -> !this.launcher.isAlive())
				.until(() -> log().contains("socket-launcher: pid " + pid + " is ready"));
		}
		catch (ConditionTimeoutException | org.awaitility.core.TerminalFailureException ex) {
			throw new IllegalStateException("The service did not report ready:\n" + log(), ex);
		}
	}

	/** The JVMs of the launcher's that run now. */
	List<Long> running() {
		return pids().stream()
			.filter((pid) -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
			.toList();
	}

	private void awaitStarts(int starts) {
		try {
			await("the service to start (" + starts + ")").atMost(TIMEOUT)
				.pollInterval(Duration.ofMillis(100))
				.failFast("the launcher exited", () -> !this.launcher.isAlive())
				.until(() -> pids().size() >= starts && answers());
		}
		catch (ConditionTimeoutException | org.awaitility.core.TerminalFailureException ex) {
			throw new IllegalStateException("The service did not answer:\n" + log(), ex);
		}
	}

	private boolean answers() {
		try {
			return this.client.get("/hello").status() == 200;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/** The PIDs of the JVMs the launcher started, in order. */
	List<Long> pids() {
		List<Long> pids = new ArrayList<>();
		Matcher matcher = STARTED.matcher(log());
		while (matcher.find()) {
			pids.add(Long.parseLong(matcher.group(1)));
		}
		return pids;
	}

	String log() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Stops the service and the launcher, which removes a Unix socket's file. */
	@Override
	public void close() throws InterruptedException {
		this.launcher.destroy();
		if (!this.launcher.waitFor(40, TimeUnit.SECONDS)) {
			this.launcher.destroyForcibly();
		}
		for (long pid : pids()) {
			ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
		}
	}

}
