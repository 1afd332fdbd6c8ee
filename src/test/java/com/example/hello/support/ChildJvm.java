package com.example.hello.support;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.example.hello.HelloApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

import static org.awaitility.Awaitility.await;

/**
 * The service in a JVM of its own, started from the test class path (with
 * {@link TestEndpoints}) or from the production layout, so that tests can signal it as an
 * operator would: SIGTERM, SIGKILL. It is always stopped by its PID, and never outlives
 * the test.
 */
public final class ChildJvm implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

	private final Process process;

	private final Path log;

	private final Path errors;

	private ChildJvm(Process process, Path log, Path errors) {
		this.process = process;
		this.log = log;
		this.errors = errors;
	}

	/**
	 * Starts the service with the given arguments and waits until {@code client} gets an
	 * answer from {@code /hello}.
	 */
	public static ChildJvm start(Path workDir, HttpTestClient client, String... args) throws IOException {
		List<String> command = new ArrayList<>(command(workDir));
		command.addAll(List.of(args));
		return start(new ProcessBuilder(command), workDir, client);
	}

	/**
	 * Starts the service as {@code builder} says (command, directory, environment) and
	 * waits until {@code client} gets an answer from {@code /hello}. Its output goes to
	 * files in {@code workDir}.
	 */
	public static ChildJvm start(ProcessBuilder builder, Path workDir, HttpTestClient client) throws IOException {
		Path log = Files.createTempFile(workDir, "child", ".log");
		Path errors = Files.createTempFile(workDir, "child", ".err");
		Process process = builder.redirectOutput(log.toFile()).redirectError(errors.toFile()).start();
		ChildJvm child = new ChildJvm(process, log, errors);
		child.awaitAnswer(client);
		return child;
	}

	/**
	 * The command line that starts the service from the test class path, with
	 * {@link TestEndpoints}, before its own arguments.
	 */
	public static List<String> command(Path workDir) throws IOException {
		// the service's temporary files too belong to the test, even after SIGKILL
		return List.of(java(), "-Xmx256m", "-Djava.io.tmpdir=" + Files.createDirectories(workDir.resolve("tmp")), "-cp",
				System.getProperty("java.class.path"), HelloApplication.class.getName(),
				"--spring.main.sources=" + TestEndpoints.class.getName());
	}

	/** The java command of the JDK the tests run on. */
	public static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private void awaitAnswer(HttpTestClient client) {
		try {
			await("the service to answer /hello").atMost(START_TIMEOUT)
				.pollInterval(Duration.ofMillis(100))
				.failFast("the service exited", () -> !this.process.isAlive())
				.until(() -> answers(client));
		}
		catch (TerminalFailureException ex) {
			throw new IllegalStateException("The service exited with " + this.process.exitValue() + ":\n" + log(), ex);
		}
		catch (ConditionTimeoutException ex) {
			close();
			throw new IllegalStateException("The service did not answer within " + START_TIMEOUT + ":\n" + log(), ex);
		}
	}

	private static boolean answers(HttpTestClient client) {
		try {
			return client.get("/hello").status() == 200;
		}
		catch (RuntimeException ex) {
			return false; // not listening yet
		}
	}

	/** Sends SIGTERM, as systemd's stop does. */
	public void terminate() {
		this.process.destroy();
	}

	/** Sends SIGKILL. */
	public void kill() {
		this.process.destroyForcibly();
	}

	/** Waits for the process to exit and returns its exit code. */
	public int awaitExit(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException("The service did not exit within " + timeout + ":\n" + log());
			}
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Everything the service wrote: standard output, then standard error. */
	public String log() {
		return standardOutput() + standardError();
	}

	/** What the service wrote to standard output, where its log goes. */
	public String standardOutput() {
		return read(this.log);
	}

	/** What the service, or the JVM, wrote to standard error. */
	public String standardError() {
		return read(this.errors);
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroyForcibly();
			try {
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
