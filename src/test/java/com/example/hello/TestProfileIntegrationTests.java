package com.example.hello;

import com.example.hello.support.TestEndpoints;
import com.example.hello.support.HttpTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

@ActiveProfiles("test")
class TestProfileIntegrationTests extends ProfileIntegrationTests {

	@LocalServerPort
	private int port;

	@Override
	protected HttpTestClient client() {
		return HttpTestClient.tcp(this.port);
	}

	@Override
	protected String profile() {
		return "test";
	}

	@Override
	protected String indexPage() {
		return "index";
	}

	@Test
	void namesItsReleaseVersionInActuatorInfo(
			@org.springframework.beans.factory.annotation.Autowired org.springframework.boot.info.BuildProperties build) {
		assertThat(build.getVersion()).matches("[0-9]+\\.[0-9]+\\.[0-9]+");
		HttpTestClient.Response info = client().get("/actuator/info", JSON);
		assertThat(info.status()).isEqualTo(200);
		assertThat(info.body()).contains("\"version\":\"" + build.getVersion() + "\"", "\"artifact\":\"hello\"");
	}

	@Test
	void hidesErrorDetailsLikeProduction() {
		assertNoErrorDetails(client().get(TestEndpoints.FAILURE, HTML));
		assertNoErrorDetails(client().get(TestEndpoints.FAILURE, JSON));
		assertNoErrorDetails(client().get("/no-such-page", HTML));
	}

	@Test
	void cachesTemplates() {
		assertThat(this.templateResolver.isCacheable()).isTrue();
	}

}
