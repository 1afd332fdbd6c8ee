package com.example.hello;

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
		assertThat(output).contains("hello.pages.index='nope' names no page: there is no template pages/nope.html")
			.contains("Set hello.pages.index (or HELLO_PAGES_INDEX) to one of [about, index, start]");
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
		assertThat(output).contains("Invalid server.bind='localhost': expected HOST:PORT or unix:PATH");
	}

	@Test
	void aSocketInAMissingDirectoryStopsStartUp(@TempDir Path dir, CapturedOutput output) {
		Path socket = dir.resolve("missing/hello.sock");
		assertStartUpFails(Map.of("server.bind", "unix:" + socket));
		assertThat(output).contains("Cannot listen on unix:" + socket + ": its directory " + socket.getParent()
				+ " does not exist; create it, writable by the service user");
	}

	@Test
	void aSocketModeWithoutItsLeadingZeroStopsStartUp(CapturedOutput output) {
		assertStartUpFails(Map.of("server.unix-socket.mode", "660"));
		assertThat(output).contains("Invalid server.unix-socket.mode='660': must be an octal file mode");
	}

	private static void assertStartUpFails(Map<String, ?> overrides) {
		Map<String, Object> all = new HashMap<>(Map.of("server.port", 0));
		all.putAll(overrides);
		assertThatException().isThrownBy(() -> HelloApplication.start(all, "test").close());
	}

}
