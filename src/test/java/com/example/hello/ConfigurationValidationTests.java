package com.example.hello;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

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
				+ "(nginx/systemd/hello.socket), or bind unix:PATH or HOST:PORT instead (set by \"server.bind\" "
				+ "from property source \"commandLineArgs\")");
	}

	@Test
	void aSocketInAMissingDirectoryStopsStartUp(@TempDir Path dir, CapturedOutput output) {
		Path socket = dir.resolve("missing/hello.sock");
		assertStartUpFails(Map.of("server.bind", "unix:" + socket));
		assertThat(output).contains("Invalid server.bind='unix:" + socket + "': its directory " + socket.getParent()
				+ " does not exist; create it, writable by the service user (set by \"server.bind\" from property source");
	}

	@Test
	void aSocketModeWithoutItsLeadingZeroStopsStartUp(CapturedOutput output) {
		assertStartUpFails(Map.of("server.unix-socket.mode", "660"));
		assertThat(output).contains("Invalid server.unix-socket.mode='660': must be an octal file mode")
			.contains("(set by \"server.unix-socket.mode\" from property source \"commandLineArgs\")")
			.contains("Change server.unix-socket.mode where it is set");
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

	private static void assertStartUpFails(Map<String, ?> overrides) {
		Map<String, Object> all = new HashMap<>(Map.of("server.port", 0));
		all.putAll(overrides);
		assertThatException().isThrownBy(() -> HelloApplication.start(all, "test").close());
	}

}
