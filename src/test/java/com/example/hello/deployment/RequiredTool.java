package com.example.hello.deployment;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;

/**
 * A program a test needs that Maven cannot bring. Without it the test is skipped, loudly,
 * on a developer machine, and fails in CI ({@code CI=true}), where {@code .ci/run}
 * installs it: a skipped test there would hide a failure.
 */
final class RequiredTool {

	/**
	 * Debian's packages first (the tests are written against them; /usr/sbin is not on a
	 * non-root {@code PATH}), then {@code PATH}.
	 */
	private static final List<String> FIRST = List.of("/usr/sbin", "/usr/bin");

	private static final List<String> LAST = List.of("/usr/local/sbin", "/sbin");

	private RequiredTool() {
	}

	/**
	 * The program called {@code name}, from Debian's directories or {@code PATH}.
	 * @param name the program's file name, such as {@code nginx}
	 * @param install how to install it, such as {@code apt-get install -y nginx}
	 * @param neededFor what cannot run without it, such as {@code the end-to-end tests}
	 * @return the program's path
	 */
	static Path find(String name, String install, String neededFor) {
		for (String directory : directories()) {
			Path candidate = Path.of(directory, name);
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		String message = name + " is not installed (" + install + "): " + neededFor + " cannot run";
		if ("true".equals(System.getenv("CI"))) {
			throw new AssertionError(message + ", and in CI (CI=true) it must");
		}
		System.err.println("SKIPPED: " + message);
		Assumptions.abort(message);
		throw new IllegalStateException("unreachable: Assumptions.abort throws");
	}

	/**
	 * Returns if the tests run as root; otherwise skips, loudly, on a developer machine,
	 * and fails in CI ({@code CI=true}).
	 * @param neededFor what needs root, such as {@code the container tests}
	 */
	static void requireRoot(String neededFor) {
		if (Nginx.runningAsRoot()) {
			return;
		}
		String message = neededFor + " need root";
		if ("true".equals(System.getenv("CI"))) {
			throw new AssertionError(message + ", and in CI (CI=true) they must run");
		}
		System.err.println("SKIPPED: " + message);
		Assumptions.abort(message);
	}

	private static List<String> directories() {
		List<String> directories = new ArrayList<>(FIRST);
		String path = System.getenv("PATH");
		if (path != null) {
			for (String directory : path.split(File.pathSeparator)) {
				if (!directory.isEmpty()) {
					directories.add(directory);
				}
			}
		}
		directories.addAll(LAST);
		return directories;
	}

}
