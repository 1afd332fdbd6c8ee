package com.example.hello;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

@ActiveProfiles("prod")
class ProdProfileIntegrationTests extends ProfileIntegrationTests {

	@Override
	protected String profile() {
		return "prod";
	}

	@Override
	protected String indexPage() {
		return "index";
	}

	@Test
	void hidesErrorDetails() {
		ResponseEntity<String> page = html(FailingEndpoint.PATH);
		assertThat(page.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertNoErrorDetails(page);
		assertNoErrorDetails(json(FailingEndpoint.PATH));
		assertNoErrorDetails(html("/no-such-page"));
	}

	@Test
	void cachesTemplatesAndServesVersionedStaticFilesForAYear() {
		assertThat(this.templateResolver.isCacheable()).isTrue();
		String stylesheet = stylesheetPath();
		assertThat(stylesheet).matches("/pages/site-[0-9a-f]{32}\\.css");
		ResponseEntity<String> css = this.rest.getForEntity(stylesheet, String.class);
		assertThat(css.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(css.getHeaders().getFirst(HttpHeaders.CACHE_CONTROL)).isEqualTo("max-age=31536000, public");
		assertThat(css.getBody()).contains(".profile");
	}

}
