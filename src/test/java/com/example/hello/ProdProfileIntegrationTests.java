package com.example.hello;

import com.example.hello.support.TestEndpoints;
import com.example.hello.support.TemporarySocket;
import com.example.hello.support.HttpTestClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.example.hello.support.HttpTestClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prod profile as it runs behind nginx: on a Unix socket, which is what it binds by
 * default; only the socket's path is moved into a temporary directory.
 */
@ActiveProfiles("prod")
class ProdProfileIntegrationTests extends ProfileIntegrationTests {

	private static final TemporarySocket SOCKET = TemporarySocket.create("hello-prod");

	@DynamicPropertySource
	static void socketInTemporaryDirectory(DynamicPropertyRegistry registry) {
		registry.add("server.bind", () -> "unix:" + SOCKET.path());
	}

	@AfterAll
	static void deleteDirectory() throws IOException {
		SOCKET.delete();
	}

	@Override
	protected HttpTestClient client() {
		return HttpTestClient.unix(SOCKET.path());
	}

	@Override
	protected String profile() {
		return null; // a visitor has no use for it
	}

	@Override
	protected String indexPage() {
		return "index";
	}

	@Test
	void servesOnAUnixSocketThatOnlyItsGroupCanOpen() throws IOException {
		assertThat(Files.getAttribute(SOCKET.path(), "unix:mode")).isEqualTo(0140660);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(SOCKET.path()))).isEqualTo("rw-rw----");
	}

	@Test
	void hidesErrorDetails() {
		Response page = client().get(TestEndpoints.FAILURE, HTML);
		assertThat(page.status()).isEqualTo(500);
		assertNoErrorDetails(page);
		assertNoErrorDetails(client().get(TestEndpoints.FAILURE, JSON));
		assertNoErrorDetails(client().get("/no-such-page", HTML));
	}

	@Test
	void cachesTemplatesAndServesVersionedStaticFilesForAYear() {
		assertThat(this.templateResolver.isCacheable()).isTrue();
		String stylesheet = stylesheetPath();
		assertThat(stylesheet).matches("/pages/site-[0-9a-f]{32}\\.css");
		Response css = client().get(stylesheet);
		assertThat(css.status()).isEqualTo(200);
		assertThat(css.header("Cache-Control")).isEqualTo("max-age=31536000, public");
		assertThat(css.body()).contains(".profile");
	}

}
