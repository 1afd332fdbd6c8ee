package com.example.hello.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * launcher, as {@code systemctl restart} does; everything is stopped by its PID.
 */
final class SocketLauncher implements AutoCloseable {

	static final Path SCRIPT = Path.of("tools", "socket-launcher.py");

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

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
		List<String> command = new ArrayList<>(List.of(python().toString(), SCRIPT.toString()));
		command.addAll(launcherOptions);
		command.add(address);
		command.add("--");
		command.addAll(ChildJvm.command(workDir));
		if (Arrays.stream(args).noneMatch((arg) -> arg.startsWith("--server.bind="))) {
			command.add("--server.bind=fd://0");
		}
		command.addAll(List.of(args));
		Path log = Files.createTempFile(workDir, "launcher", ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		SocketLauncher launcher = new SocketLauncher(process, log, client);
		launcher.awaitStarts(1);
		return launcher;
	}

	/**
	 * Restarts the service as {@code systemctl restart} does (SIGHUP to the launcher:
	 * SIGTERM, wait, start) and returns once the new JVM answers.
	 */
	void restart() throws IOException, InterruptedException {
		int before = pids().size();
		Commands.run(Duration.ofSeconds(10), List.of("kill", "-HUP", String.valueOf(this.launcher.pid())));
		awaitStarts(before + 1);
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
