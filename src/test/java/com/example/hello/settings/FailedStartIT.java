package com.example.hello.settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.example.hello.support.ChildJvm;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start stopped by a bad setting, as a deployer sees it in a terminal or the journal:
 * one ERROR line that names the property (and the shortcut that set it) and the fix, no
 * WARN before it, no stack trace, no Spring Boot block after it, and a non-zero exit
 * status.
 */
class FailedStartIT {

	@TempDir
	Path dir;

	static Stream<Arguments> badSettings() {
		return Stream.of(
				Arguments.of("--server.bind=127.0.0.1:99999", Map.of(), List.of("--server.bind=127.0.0.1:99999"),
						List.of("Invalid server.bind='127.0.0.1:99999': the port must be between 0 and 65535",
								"(set by the command-line argument --server.bind)")),
				Arguments.of("--hello.pages.index=nope", Map.of(), List.of("--hello.pages.index=nope"),
						List.of("Invalid hello.pages.index='nope': there is no template pages/nope.html; "
								+ "set it to one of [about, index, start], or add the template "
								+ "(set by the command-line argument --hello.pages.index)")),
				Arguments.of("HELLO_SOCKET=/missing/dir/hello.sock", Map.of("HELLO_SOCKET", "/missing/dir/hello.sock"),
						List.of("--spring.profiles.active=prod"),
						List.of("Invalid server.bind='unix:/missing/dir/hello.sock': its directory /missing/dir "
								+ "does not exist; create it (mkdir -p /missing/dir)",
								"(set by the environment variable HELLO_SOCKET, hello's shortcut for server.bind)")),
				Arguments.of("--management.server.port=18098", Map.of(), List.of("--management.server.port=18098"),
						List.of("Invalid management.server.port='18098': hello serves the actuator on the listeners "
								+ "of server.bind and starts no second server; remove it",
								"(set by the command-line argument --management.server.port)")),
				Arguments.of("HELLO_PORT=abc", Map.of("HELLO_PORT", "abc"), List.of(),
						List.of("Invalid server.port='abc': it is not a whole number; set a port number from 1 to "
								+ "65535, or 0 for any free port "
								+ "(set by the environment variable HELLO_PORT, hello's shortcut for server.port)")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badSettings")
	void printsOneMessageAndExitsNonZero(String name, Map<String, String> variables, List<String> args,
			List<String> expected) throws Exception {
		List<String> command = new ArrayList<>(ChildJvm.command(this.dir));
		command.addAll(args);
		Path output = this.dir.resolve("output.log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
		builder.environment().keySet().removeIf((variable) -> variable.startsWith("HELLO_"));
		builder.environment().putAll(variables);
		Process process = builder.start();
		// generous: a shared CI machine under load takes tens of seconds to start a JVM
		if (!process.waitFor(3, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new AssertionError("still running after 3 minutes:\n" + Files.readString(output));
		}
		String log = Files.readString(output);
		assertThat(process.exitValue()).as(log).isNotZero();
		List<String> messages = log.lines()
			.filter((line) -> line.contains(" WARN ") || line.contains(" ERROR "))
			.toList();
		assertThat(messages).as(log).singleElement().satisfies((line) -> {
			assertThat(line).contains(" ERROR ");
			expected.forEach((part) -> assertThat(line).contains(part));
		});
		assertThat(log).doesNotContain("\tat ", "Exception", "APPLICATION FAILED TO START", "Description:", "Action:",
				"'debug'");
	}

}
