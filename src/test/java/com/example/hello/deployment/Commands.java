package com.example.hello.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command to completion for a test: bounded in time, stopped by its PID when it
 * overruns, and required to exit 0. A failure names the command, its exit code and its
 * output.
 */
final class Commands {

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private Commands() {
	}

	/** Runs {@code command} and returns what it wrote to standard output and error. */
	static String run(Duration timeout, String... command) throws IOException, InterruptedException {
		return run(timeout, List.of(command));
	}

	/** Runs {@code command} and returns what it wrote to standard output and error. */
	static String run(Duration timeout, List<String> command) throws IOException, InterruptedException {
		return run(timeout, new ProcessBuilder(command));
	}

	/**
	 * Runs the command of {@code builder}, in its directory and environment, and returns
	 * what it wrote to standard output and error.
	 */
	static String run(Duration timeout, ProcessBuilder builder) throws IOException, InterruptedException {
		String line = String.join(" ", builder.command());
		// Output goes to a file, not a pipe: reading a pipe to its end waits as long
		// as the command runs, and waitFor below is what bounds the time.
		Path output = Files.createTempFile("command", ".out");
		try {
			Process process = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
			try {
				if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					stop(process);
					throw new AssertionError("'%s' did not finish within %s and was killed; output:%n%s".formatted(line,
							timeout, read(output)));
				}
			}
			finally {
				stop(process);
			}
			String text = read(output);
			if (process.exitValue() != 0) {
				throw new AssertionError("'%s' exited with %d; output:%n%s".formatted(line, process.exitValue(), text));
			}
			return text;
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	/**
	 * Kills the process by its PID, if it still runs, and waits a bounded time for it.
	 */
	private static void stop(Process process) throws InterruptedException {
		if (process.isAlive()) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
			process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private static String read(Path output) {
		try {
			return Files.readString(output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
