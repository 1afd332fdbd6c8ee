package com.example.hello;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.example.hello.HttpTestClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

@ActiveProfiles("dev")
class DevProfileIntegrationTests extends ProfileIntegrationTests {

	@LocalServerPort
	private int port;

	@Override
	protected HttpTestClient client() {
		return HttpTestClient.tcp(this.port);
	}

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
		assertThat(client().get(TestEndpoints.FAILURE, HTML).body()).contains(TestEndpoints.SECRET,
				"java.lang.IllegalStateException", "at com.example.hello.TestEndpoints");
		assertThat(client().get(TestEndpoints.FAILURE, JSON).body()).contains("\"trace\"", TestEndpoints.SECRET);
	}

	@Test
	void reloadsTemplatesAndStaticFiles() {
		assertThat(this.templateResolver.isCacheable()).isFalse();
		String stylesheet = stylesheetPath();
		assertThat(stylesheet).isEqualTo("/pages/site.css");
		Response css = client().get(stylesheet);
		assertThat(css.status()).isEqualTo(200);
		assertThat(css.header("Cache-Control")).isEqualTo("no-cache");
	}

}
