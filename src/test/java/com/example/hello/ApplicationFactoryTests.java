package com.example.hello;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application factory: several differently configured instances in one JVM, as
 * {@code create_app(config)} allows in the Flask write-up.
 */
class ApplicationFactoryTests {

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void runsTwoDifferentlyConfiguredInstancesInOneJvmAtTheSameTime() throws Exception {
		try (ConfigurableApplicationContext dev = HelloApplication.start(Map.of("server.port", 0), "dev");
				ConfigurableApplicationContext prod = HelloApplication.start(Map.of("server.port", 0), "prod")) {
			assertThat(port(dev)).isNotEqualTo(port(prod));
			CompletableFuture<HttpResponse<String>> fromDev = getAsync(dev, "/");
			CompletableFuture<HttpResponse<String>> fromProd = getAsync(prod, "/");
			assertThat(fromDev.get().body()).contains("data-profile=\"dev\"", "<main id=\"start\">");
			assertThat(fromProd.get().body()).contains("data-profile=\"prod\"", "<main id=\"index\">");
			assertThat(getAsync(dev, "/hello").get().body()).isEqualTo("Hello World!");
			assertThat(getAsync(prod, "/hello").get().body()).isEqualTo("Hello World!");
		}
	}

	@Test
	void overridesWinOverTheProfileFiles() throws Exception {
		try (ConfigurableApplicationContext app = HelloApplication
			.start(Map.of("server.port", 0, "hello.pages.index", "about"), "prod")) {
			assertThat(getAsync(app, "/").get().body()).contains("<main id=\"about\">");
		}
	}

	@Test
	void readsAnExternalConfigurationFileLikeGunicornsConfigOption(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("hello.yml");
		Files.writeString(file, "hello:\n  pages:\n    index: about\n");
		try (ConfigurableApplicationContext app = HelloApplication
			.start(Map.of("server.port", 0, "spring.config.additional-location", file.toUri()), "prod")) {
			assertThat(getAsync(app, "/").get().body()).contains("<main id=\"about\">");
		}
	}

	private CompletableFuture<HttpResponse<String>> getAsync(ConfigurableApplicationContext app, String path)
			throws IOException {
		URI uri = URI.create("http://127.0.0.1:" + port(app) + path);
		return this.client.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static int port(ConfigurableApplicationContext app) {
		return ((WebServerApplicationContext) app).getWebServer().getPort();
	}

}
