package com.example.hello;

import com.example.hello.support.TestEndpoints;
import com.example.hello.support.HttpTestClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.example.hello.support.HttpTestClient.Response;

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
				"java.lang.IllegalStateException", "at com.example.hello.support.TestEndpoints");
		assertThat(client().get(TestEndpoints.FAILURE, JSON).body()).contains("\"trace\"", TestEndpoints.SECRET);
	}

	@Test
	void reloadsTemplatesAndStaticFiles() throws Exception {
		assertThat(this.templateResolver.isCacheable()).isFalse();
		String stylesheet = stylesheetPath();
		assertThat(stylesheet).isEqualTo("/pages/site.css");
		Response css = client().get(stylesheet);
		assertThat(css.status()).isEqualTo(200);
		assertThat(css.header("Cache-Control")).isEqualTo("no-cache");
		// An edit shows on the next request, with no restart. Dev serves templates and
		// static files from the class path, where spring-boot:run puts
		// src/main/resources first. Here the test's own files go into the test classes
		// directory, first on the class path, so that no shipped file is touched. The
		// template check fails with spring.thymeleaf.cache=true; an edited static file is
		// served fresh in any profile, and what dev adds for it is "no-cache" above.
		Path classPath = Path.of(TestEndpoints.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		assertThat(classPath).as("test classes directory").isDirectory();
		Path template = classPath.resolve("templates/" + TestEndpoints.RELOAD_VIEW + ".html");
		String staticName = "reload-" + UUID.randomUUID() + ".css";
		Path staticFile = classPath.resolve("static/pages").resolve(staticName);
		try {
			for (String version : List.of("first", "second")) {
				Files.createDirectories(template.getParent());
				Files.writeString(template, "<p>" + version + " version</p>\n");
				Files.createDirectories(staticFile.getParent());
				Files.writeString(staticFile, "/* " + version + " version */\n");
				assertThat(client().get(TestEndpoints.RELOAD, HTML).body()).as("template")
					.contains("<p>" + version + " version</p>");
				assertThat(client().get("/pages/" + staticName).body()).as("static file")
					.isEqualTo("/* " + version + " version */\n");
			}
		}
		finally {
			deleteWithEmptyParents(template, classPath);
			deleteWithEmptyParents(staticFile, classPath);
		}
	}

	/**
	 * Deletes the file and then each directory above it, up to {@code root}, left empty.
	 */
	private static void deleteWithEmptyParents(Path file, Path root) throws IOException {
		Files.deleteIfExists(file);
		for (Path directory = file.getParent(); !directory.equals(root); directory = directory.getParent()) {
			if (!Files.isDirectory(directory)) {
				return;
			}
			try (Stream<Path> entries = Files.list(directory)) {
				if (entries.findAny().isPresent()) {
					return;
				}
			}
			Files.delete(directory);
		}
	}

}
