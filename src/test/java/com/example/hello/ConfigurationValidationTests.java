package com.example.hello;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A wrong setting stops start-up with one line that names the property and the fix.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfigurationValidationTests {

	@Test
	void anIndexPageWithoutTemplateStopsStartUp(CapturedOutput output) {
		assertStartUpFails(Map.of("hello.pages.index", "nope"));
		assertThat(output).contains("Invalid hello.pages.index='nope': there is no template pages/nope.html; "
				+ "set it to one of [about, index, start], or add the template");
	}

	@Test
	void anIndexPageThatIsNoPageNameStopsStartUp(CapturedOutput output) {
		assertStartUpFails(Map.of("hello.pages.index", "../error/5xx"));
		assertThat(output).contains("Invalid hello.pages.index='../error/5xx': must be a page name such as 'index'");
	}

	@Test
	void anEmptyIndexPageStopsStartUp(CapturedOutput output) {
		assertStartUpFails(Map.of("hello.pages.index", ""));
		assertThat(output).contains("Invalid hello.pages.index=''");
	}

	@Test
	void aBindAddressThatIsNoneStopsStartUp(CapturedOutput output) {
		assertStartUpFails(Map.of("server.bind", "localhost"));
		assertThat(output).contains("Invalid server.bind='localhost': expected HOST:PORT, unix:PATH or fd://0");
	}

	@Test
	void anInheritedDescriptorOtherThanStandardInputStopsStartUp(CapturedOutput output) {
		assertStartUpFails(Map.of("server.bind", "fd://3"));
		assertThat(output).contains("Invalid server.bind='fd://3': only fd://0, standard input, can be adopted: "
				+ "the JDK inherits no other descriptor; pass the socket with StandardInput=socket");
	}

	/** The test JVM's standard input is a pipe: no socket was inherited. */
	@Test
	void anInheritedSocketWhenNoneWasInheritedStopsStartUp(CapturedOutput output) {
		assertStartUpFails(Map.of("server.bind", "fd://0"));
		assertThat(output).contains("Invalid server.bind='fd://0': nothing was inherited: standard input is not a "
				+ "socket; start hello from a systemd socket unit with StandardInput=socket "
				+ "(as hello.socket does) or from tools/socket-launcher.py, or bind unix:PATH or HOST:PORT instead"
				+ commandLine("server.bind"));
	}

	@Test
	void aSocketInAMissingDirectoryStopsStartUp(@TempDir Path dir, CapturedOutput output) {
		Path socket = dir.resolve("missing/hello.sock");
		assertStartUpFails(Map.of("server.bind", "unix:" + socket));
		assertThat(output).contains("Invalid server.bind='unix:" + socket + "': its directory " + socket.getParent()
				+ " does not exist; create it (mkdir -p " + socket.getParent()
				+ "), writable by the user hello runs as, " + "or choose a socket in a directory that exists"
				+ commandLine("server.bind"));
	}

	@Test
	void aSocketModeWithoutItsLeadingZeroStopsStartUp(CapturedOutput output) {
		assertStartUpFails(Map.of("server.unix-socket.mode", "660"));
		assertThat(output).contains("Invalid server.unix-socket.mode='660': must be an octal file mode")
			.contains(commandLine("server.unix-socket.mode"));
		assertOneMessage(output);
	}

	@Test
	void aPortThatIsNoNumberStopsStartUpWithTheSameOneLine(CapturedOutput output) {
		assertStartUpFails(Map.of("server.port", "abc"));
		assertThat(output).contains("Invalid server.port='abc': it is not a whole number; set a port number from 1 to "
				+ "65535, or 0 for any free port" + commandLine("server.port"));
		assertOneMessage(output);
	}

	@Test
	void aPortInUseStopsStartUpWithTheSameOneLine(CapturedOutput output) throws IOException {
		try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			int port = taken.getLocalPort();
			assertStartUpFails(Map.of("server.bind", "127.0.0.1:" + port));
			assertThat(output).contains("Invalid server.bind='127.0.0.1:" + port + "': port " + port
					+ " is already in use by another process; stop that process or choose another port"
					+ commandLine("server.bind"));
			assertOneMessage(output);
		}
	}

	@Test
	void aBadSettingIsOneErrorLineWithoutStackTraceOrSpringBootsBlock(CapturedOutput output) {
		assertStartUpFails(Map.of("server.bind", "127.0.0.1:99999"));
		assertThat(output).contains("Invalid server.bind='127.0.0.1:99999': the port must be between 0 and 65535");
		assertOneMessage(output);
	}

	@Test
	void aBlankAccessLogPatternStopsStartUp(CapturedOutput output) {
		assertStartUpFails(Map.of("hello.access-log.pattern", " "));
		assertThat(output).contains("Invalid hello.access-log.pattern=' ': must not be blank; set an Undertow access "
				+ "log pattern such as %a %t \"%r\" %s, or remove it for the default");
	}

	@Test
	void anAccessLogQueueOfNoLinesStopsStartUp(CapturedOutput output) {
		assertStartUpFails(Map.of("hello.access-log.queue-capacity", 0));
		assertThat(output).contains("Invalid hello.access-log.queue-capacity='0': must be at least 1; set a number "
				+ "of lines such as 65536" + commandLine("hello.access-log.queue-capacity"));
	}

	@Test
	void anUnknownSocketGroupStopsStartUp(@TempDir Path dir, CapturedOutput output) {
		assertStartUpFails(Map.of("server.bind", "unix:" + dir.resolve("hello.sock"), "server.unix-socket.group",
				"no-such-group"));
		assertThat(output).contains("Invalid server.unix-socket.group='no-such-group': there is no such group on "
				+ "this host; create it or set the group nginx runs in");
		assertThat(dir.resolve("hello.sock")).doesNotExist();
	}

	@Test
	void anAccessLogDirectoryThatCannotBeCreatedStopsStartUp(@TempDir Path dir, CapturedOutput output)
			throws IOException {
		Path file = Files.createFile(dir.resolve("not-a-directory"));
		assertStartUpFails(Map.of("hello.access-log.enabled", true, "hello.access-log.directory", file));
		assertThat(output).contains("Invalid hello.access-log.directory='" + file + "': it cannot be created");
	}

	@Test
	void anUnknownProfileStopsStartUp(CapturedOutput output) {
		assertStartUpFails(Map.of("spring.profiles.active", "prdo"));
		assertThat(output).contains("Invalid spring.profiles.active='prdo': there is no profile prdo; use one of "
				+ "[dev, prod, test], or none for the safe defaults" + commandLine("spring.profiles.active"));
	}

	@Test
	void noIoThreadsStopsStartUp(CapturedOutput output) {
		assertStartUpFails(Map.of("server.undertow.threads.io", 0));
		assertThat(output).contains("Invalid server.undertow.threads.io='0': must be at least 1; set a number of "
				+ "threads, or leave it unset for Spring Boot's default" + commandLine("server.undertow.threads.io"));
	}

	@Test
	void negativeRequestThreadsStopStartUp(CapturedOutput output) {
		assertStartUpFails(Map.of("server.undertow.threads.worker", -4));
		assertThat(output).contains("Invalid server.undertow.threads.worker='-4': must be at least 1; set a number of "
				+ "threads, or leave it unset for Spring Boot's default"
				+ commandLine("server.undertow.threads.worker"));
	}

	@Test
	void aTrustedProxyThatIsNoAddressStopsStartUp(CapturedOutput output) {
		assertStartUpFails(Map.of("server.trusted-proxies", "127.0.0.1,nginx.local"));
		assertThat(output).contains("Invalid server.trusted-proxies='127.0.0.1,nginx.local': expected an IP address "
				+ "or a CIDR range such as 10.0.0.0/8 or ::1, not 'nginx.local'"
				+ commandLine("server.trusted-proxies"));
	}

	@Test
	void aSocketPathTooLongStopsStartUp(@TempDir Path dir, CapturedOutput output) {
		Path socket = dir.resolve("s".repeat(120) + ".sock");
		assertStartUpFails(Map.of("server.bind", "unix:" + socket));
		assertThat(output).contains("Invalid server.bind='unix:" + socket + "': the path is "
				+ socket.toString().length() + " bytes long but a Unix socket path may have at most 107; "
				+ "choose a shorter path" + commandLine("server.bind"));
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					request-line      | 10     | must be at least 64 bytes; set it to a number of bytes such as 4094
					request-line      | -1     | must be at least 64 bytes; set it to a number of bytes such as 4094
					header-fields     | 0      | must be at least 1; set it to a number of fields such as 100
					header-field-size | 8B     | must be at least 64 bytes; set it to a size such as 8190B
					body              | -1B    | must be at least 0; set it to a size such as 10MB
					body-buffer       | -1B    | must be at least 0; set it to a size such as 16KB
					body-buffer       | 2MB    | must be at most 1MB, as each connection sending a body may hold that much; set it to a size such as 16KB
					""")
	void aLimitOutOfRangeStopsStartUp(String name, String value, String reason, CapturedOutput output) {
		String property = "hello.http.limits." + name;
		assertStartUpFails(Map.of(property, value));
		assertThat(output).contains("Invalid " + property + "='" + value + "': " + reason + commandLine(property));
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			idle            | 0s
			request-headers | -5s
			read            | 0ms
			write           | 30d
			request-body    | 0s
			""")
	void aTimeoutOutOfRangeStopsStartUp(String name, String value, CapturedOutput output) {
		String property = "hello.http.timeouts." + name;
		assertStartUpFails(Map.of(property, value));
		assertThat(output).contains("Invalid " + property + "='" + value
				+ "': must be at least 1ms and at most 24d; set it to a duration such as 30s" + commandLine(property));
	}

	/**
	 * The read timeout also closes an idle connection: an idle beyond it is never
	 * reached.
	 */
	@ParameterizedTest(name = "idle={0} read={1}")
	@CsvSource(delimiter = '|', nullValues = "-",
			textBlock = """
					90s  | -   | idle | 90s | must be at most hello.http.timeouts.read (75s), which also closes an idle connection; lower it, or raise hello.http.timeouts.read with it
					-    | 30s | read | 30s | must be at least hello.http.timeouts.idle (75s), as it also closes an idle connection; raise it, or lower hello.http.timeouts.idle with it
					10s  | 5s  | read | 5s  | must be at least hello.http.timeouts.idle (10s), as it also closes an idle connection; raise it, or lower hello.http.timeouts.idle with it
					""")
	void anIdleTimeoutLongerThanTheReadTimeoutStopsStartUp(String idle, String read, String named, String value,
			String reason, CapturedOutput output) {
		Map<String, Object> settings = new HashMap<>();
		if (idle != null) {
			settings.put("hello.http.timeouts.idle", idle);
		}
		if (read != null) {
			settings.put("hello.http.timeouts.read", read);
		}
		String property = "hello.http.timeouts." + named;
		assertStartUpFails(settings);
		assertThat(output).contains("Invalid " + property + "='" + value + "': " + reason + commandLine(property));
	}

	@Test
	void aLimitThatIsNoSizeStopsStartUp(CapturedOutput output) {
		assertStartUpFails(Map.of("hello.http.limits.body", "ten megabytes"));
		assertThat(output).contains("Invalid hello.http.limits.body='ten megabytes': 'ten megabytes' does not match "
				+ "data size pattern; set a size such as 10MB or 8190B" + commandLine("hello.http.limits.body"));
	}

	@Test
	void aTimeoutThatIsNoDurationStopsStartUp(CapturedOutput output) {
		assertStartUpFails(Map.of("hello.http.timeouts.idle", "forever"));
		assertThat(output).contains("Invalid hello.http.timeouts.idle='forever': 'forever' is not a valid duration; "
				+ "set a duration such as 30s or 500ms" + commandLine("hello.http.timeouts.idle"));
	}

	@Test
	void aThreadCountThatIsNoNumberStopsStartUp(CapturedOutput output) {
		assertStartUpFails(Map.of("server.undertow.threads.worker", "four"));
		assertThat(output).contains("Invalid server.undertow.threads.worker='four': it is not a whole number; "
				+ "write it in digits, such as 4" + commandLine("server.undertow.threads.worker"));
	}

	/**
	 * Exactly one WARN or ERROR line, and nothing else of the failure: no exception
	 * chain, no stack trace, no "APPLICATION FAILED TO START" block, no hint to re-run
	 * with debug.
	 */
	private static void assertOneMessage(CapturedOutput output) {
		assertThat(output.getAll().lines().filter((line) -> line.contains(" WARN ") || line.contains(" ERROR ")))
			.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.contains(" ERROR ")
			.contains("StartFailureReporter");
		assertThat(output.getAll()).doesNotContain("\tat ", "Exception", "APPLICATION FAILED TO START", "debug");
	}

	private static String commandLine(String property) {
		return " (set by the command-line argument --" + property + ")";
	}

	private static void assertStartUpFails(Map<String, ?> overrides) {
		Map<String, Object> all = new HashMap<>(Map.of("server.port", 0));
		all.putAll(overrides);
		assertThatException().isThrownBy(() -> HelloApplication.start(all, "test").close());
	}

}
