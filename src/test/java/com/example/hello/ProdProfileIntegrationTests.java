package com.example.hello;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import com.example.hello.HttpTestClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prod profile as it runs behind nginx: on a Unix socket, which is what it binds by
 * default; only the socket's path is moved into a temporary directory.
 */
@ActiveProfiles("prod")
class ProdProfileIntegrationTests extends ProfileIntegrationTests {

	private static final Path DIRECTORY = createDirectory();

	private static final Path SOCKET = DIRECTORY.resolve("hello.sock");

	@DynamicPropertySource
	static void socketInTemporaryDirectory(DynamicPropertyRegistry registry) {
		registry.add("HELLO_SOCKET", SOCKET::toString);
	}

	@AfterAll
	static void deleteDirectory() throws IOException {
		FileSystemUtils.deleteRecursively(DIRECTORY);
	}

	@Override
	protected HttpTestClient client() {
		return HttpTestClient.unix(SOCKET);
	}

	@Override
	protected String profile() {
		return "prod";
	}

	@Override
	protected String indexPage() {
		return "index";
	}

	@Test
	void servesOnAUnixSocketThatOnlyItsGroupCanOpen() throws IOException {
		assertThat(Files.getAttribute(SOCKET, "unix:mode")).isEqualTo(0140660);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(SOCKET))).isEqualTo("rw-rw----");
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

	private static Path createDirectory() {
		try {
			return Files.createTempDirectory("hello-prod");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
