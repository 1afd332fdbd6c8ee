package com.example.hello.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Rootful podman for the container tests, with the project's
 * {@code deploy/container/containers.conf} (runc, rlimits this kind of machine allows),
 * or the file {@code CONTAINERS_CONF} names, given through {@code CONTAINERS_CONF}: the
 * machine's own configuration stays as it is.
 * <p>
 * The image under test is built once per test JVM, as documented, by
 * {@code deploy/container/build.sh --offline} in a copy of the project, and removed when
 * the JVM exits. The offline base it builds on is made once and kept, as
 * {@link DebianMachine} keeps its tree.
 */
final class Podman {

	/** {@code CONTAINERS_CONF} if set, as {@code .ci/run} sets it, or the project's. */
	static final Path CONF = Path
		.of(System.getenv().getOrDefault("CONTAINERS_CONF", "deploy/container/containers.conf"))
		.toAbsolutePath();

	static final String IMAGE = "localhost/hello-it:latest";

	private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(15);

	private static boolean built;

	private Podman() {
	}

	/**
	 * The podman binary, with runc: skipped on a developer machine without them, failed
	 * in CI.
	 */
	static Path binary(String neededFor) {
		RequiredTool.requireRoot(neededFor);
		RequiredTool.find("runc", "apt-get install -y runc", neededFor);
		RequiredTool.find("debootstrap", "apt-get install -y debootstrap", neededFor);
		return RequiredTool.find("podman", "apt-get install -y podman runc", neededFor);
	}

	/** A podman command line, with the project's configuration. */
	static ProcessBuilder command(String... args) {
		List<String> command = new ArrayList<>(List.of(binary("the container tests").toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().put("CONTAINERS_CONF", CONF.toString());
		return builder;
	}

	/** Runs podman to completion and returns its output; a non-zero exit fails. */
	static String run(Duration timeout, String... args) throws IOException, InterruptedException {
		return Commands.run(timeout, command(args));
	}

	/** Runs podman and returns its exit code, whatever it is; its output is discarded. */
	static int exitCode(Duration timeout, String... args) throws IOException, InterruptedException {
		Process process = command(args).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			throw new AssertionError("podman " + String.join(" ", args) + " did not finish within " + timeout);
		}
		return process.exitValue();
	}

	/** Removes a container or a pod, if there is one, by its name. */
	static void removeQuietly(String... args) {
		try {
			run(Duration.ofSeconds(60), args);
		}
		catch (IOException | AssertionError ex) {
			// not there, or already gone
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The image under test: built as the docs say, from a copy of the project with the
	 * JDK the tests run on, once per test JVM.
	 */
	static synchronized String image() throws IOException, InterruptedException {
		binary("the container tests");
		if (built) {
			return IMAGE;
		}
		Path copy = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "container-build");
		try {
			Commands.run(Duration.ofMinutes(2), "cp", "-R", "--preserve=timestamps", "pom.xml", "mvnw", ".mvn", "src",
					"deploy", copy.toString());
			ProcessBuilder build = new ProcessBuilder("deploy/container/build.sh", "--offline", "--tag", IMAGE)
				.directory(copy.toFile());
			build.environment().put("JAVA_HOME", System.getProperty("java.home"));
			build.environment().put("CONTAINERS_CONF", CONF.toString());
			build.environment().put("PATH", System.getenv("PATH") + ":/usr/sbin:/sbin");
			Commands.run(BUILD_TIMEOUT, build);
		}
		finally {
			Commands.run(Duration.ofMinutes(1), "rm", "-rf", copy.toString());
		}
		built = true;
		Runtime.getRuntime().addShutdownHook(new Thread(() -> removeQuietly("rmi", "--force", IMAGE)));
		return IMAGE;
	}

}
