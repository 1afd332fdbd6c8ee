package com.example.hello;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

@ActiveProfiles("test")
class TestProfileIntegrationTests extends ProfileIntegrationTests {

	@Override
	protected String profile() {
		return "test";
	}

	@Override
	protected String indexPage() {
		return "index";
	}

	@Test
	void hidesErrorDetailsLikeProduction() {
		assertNoErrorDetails(html(FailingEndpoint.PATH));
		assertNoErrorDetails(json(FailingEndpoint.PATH));
		assertNoErrorDetails(html("/no-such-page"));
	}

	@Test
	void cachesTemplates() {
		assertThat(this.templateResolver.isCacheable()).isTrue();
	}

}
