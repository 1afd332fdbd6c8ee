package com.example.hello;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

@ActiveProfiles("dev")
class DevProfileIntegrationTests extends ProfileIntegrationTests {

	@Override
	protected String profile() {
		return "dev";
	}

	@Override
	protected String indexPage() {
		return "start";
	}

	@Test
	void showsErrorDetails() {
		ResponseEntity<String> page = html(FailingEndpoint.PATH);
		assertThat(page.getBody()).contains(FailingEndpoint.SECRET, "java.lang.IllegalStateException",
				"at com.example.hello.FailingEndpoint");
		assertThat(json(FailingEndpoint.PATH).getBody()).contains("\"trace\"", FailingEndpoint.SECRET);
	}

	@Test
	void reloadsTemplatesAndStaticFiles() {
		assertThat(this.templateResolver.isCacheable()).isFalse();
		String stylesheet = stylesheetPath();
		assertThat(stylesheet).isEqualTo("/pages/site.css");
		ResponseEntity<String> css = this.rest.getForEntity(stylesheet, String.class);
		assertThat(css.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(css.getHeaders().getFirst(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-cache");
	}

}
