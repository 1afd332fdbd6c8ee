package com.example.hello;

import com.example.hello.support.HttpTestClient;
import java.nio.file.Files;
import java.nio.file.Path;
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

	@TempDir
	Path dir;

	@Test
	void runsTwoDifferentlyConfiguredInstancesInOneJvmAtTheSameTime() throws Exception {
		Path socket = this.dir.resolve("prod.sock");
		try (ConfigurableApplicationContext dev = HelloApplication.start(Map.of("server.port", 0), "dev");
				ConfigurableApplicationContext prod = HelloApplication.start(Map.of("server.bind", "unix:" + socket),
						"prod")) {
			HttpTestClient devClient = HttpTestClient.tcp(port(dev));
			HttpTestClient prodClient = HttpTestClient.unix(socket);
			CompletableFuture<String> fromDev = CompletableFuture.supplyAsync(() -> devClient.get("/").body());
			CompletableFuture<String> fromProd = CompletableFuture.supplyAsync(() -> prodClient.get("/").body());
			assertThat(fromDev.get()).contains("data-profile=\"dev\"", "<main id=\"start\">");
			assertThat(fromProd.get()).contains("<main id=\"index\">").doesNotContain("data-profile");
			assertThat(devClient.get("/hello").body()).isEqualTo("Hello World!");
			assertThat(prodClient.get("/hello").body()).isEqualTo("Hello World!");
		}
		assertThat(socket).doesNotExist();
	}

	@Test
	void overridesWinOverTheProfileFiles() {
		try (ConfigurableApplicationContext app = HelloApplication
			.start(Map.of("server.bind", "127.0.0.1:0", "hello.pages.index", "about"), "prod")) {
			assertThat(HttpTestClient.tcp(port(app)).get("/").body()).contains("<main id=\"about\">");
		}
	}

	@Test
	void readsAnExternalConfigurationFileLikeGunicornsConfigOption() throws Exception {
		Path file = this.dir.resolve("hello.yml");
		Files.writeString(file, "server:\n  bind: 127.0.0.1:0\nhello:\n  pages:\n    index: about\n");
		try (ConfigurableApplicationContext app = HelloApplication
			.start(Map.of("spring.config.additional-location", file.toUri()), "prod")) {
			assertThat(HttpTestClient.tcp(port(app)).get("/").body()).contains("<main id=\"about\">");
		}
	}

	private static int port(ConfigurableApplicationContext app) {
		return ((WebServerApplicationContext) app).getWebServer().getPort();
	}

}
