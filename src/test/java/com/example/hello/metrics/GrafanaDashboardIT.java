package com.example.hello.metrics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.hello.support.ChildJvm;
import com.example.hello.support.HttpTestClient;
import com.example.hello.support.PrometheusScrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shipped Grafana dashboard asks only for series the service really exports: every
 * query's selectors, names and exact label values, are found in a scrape of the prod
 * profile running in a JVM of its own, after some load.
 */
class GrafanaDashboardIT {

	private static final Path DASHBOARD = Path.of("deploy", "grafana", "hello.json");

	/** A metric name followed by its label matchers. */
	private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)\\}");

	/** An exact label matcher, {@code label="value"}. */
	private static final Pattern EXACT_MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"");

	@TempDir
	Path dir;

	@Test
	void everyQueryNamesSeriesTheServiceExports() throws Exception {
		List<String> queries = queries(new ObjectMapper().readTree(Files.readString(DASHBOARD)));
		assertThat(queries).hasSizeGreaterThan(10);
		Path socket = this.dir.resolve("hello.sock");
		HttpTestClient client = HttpTestClient.unix(socket);
		try (ChildJvm service = ChildJvm.start(this.dir, client, "--spring.profiles.active=prod",
				"--server.bind=unix:" + socket)) {
			client.get("/test/failure");
			// load until the young generation has been collected once, so that GC series
			// exist
			await("a garbage collection under load").atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(10))
				.until(() -> {
					for (int i = 0; i < 200; i++) {
						client.get("/about");
					}
					return PrometheusScrape.of(client).names().contains("jvm_gc_pause_seconds_count");
				});
			PrometheusScrape scrape = PrometheusScrape.of(client);
			for (String query : queries) {
				Matcher selector = SELECTOR.matcher(query);
				int selectors = 0;
				while (selector.find()) {
					selectors++;
					String name = selector.group(1);
					assertThat(scrape.names()).as("series of %s", query).contains(name);
					List<String> labels = new ArrayList<>();
					Matcher matcher = EXACT_MATCHER.matcher(selector.group(2));
					while (matcher.find()) {
						labels.add(matcher.group());
					}
					assertThat(scrape.series(name, labels.toArray(String[]::new))).as("%s in %s", labels, query)
						.isNotEmpty();
				}
				assertThat(selectors).as("selectors written name{...} in %s", query).isPositive();
			}
		}
	}

	/** Every target expression and the template variables' queries. */
	private static List<String> queries(JsonNode dashboard) {
		List<String> queries = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels")) {
			for (JsonNode target : panel.path("targets")) {
				queries.add(target.path("expr").asText());
			}
		}
		for (JsonNode variable : dashboard.path("templating").path("list")) {
			JsonNode query = variable.path("query").path("query");
			if (query.isTextual()) {
				queries.add(query.asText());
			}
		}
		return queries;
	}

}
