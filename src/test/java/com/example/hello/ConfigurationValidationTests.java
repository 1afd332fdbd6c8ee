package com.example.hello;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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

	private static void assertStartUpFails(Map<String, ?> overrides) {
		Map<String, Object> all = new java.util.HashMap<>(overrides);
		all.put("server.port", 0);
		assertThatException().isThrownBy(() -> HelloApplication.start(all, "test").close());
	}

}
