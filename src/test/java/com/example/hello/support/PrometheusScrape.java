package com.example.hello.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One scrape of {@code /actuator/prometheus}, parsed from Prometheus's text format: every
 * sample, keyed by its series as written ({@code name{label="value",...}}).
 */
public record PrometheusScrape(Map<String, Double> samples) {

	/** Scrapes the service through the client and parses the answer. */
	public static PrometheusScrape of(HttpTestClient client) {
		HttpTestClient.Response response = client.get("/actuator/prometheus");
		assertThat(response.status()).as("status of /actuator/prometheus").isEqualTo(200);
		return parse(response.body());
	}

	static PrometheusScrape parse(String text) {
		Map<String, Double> samples = new LinkedHashMap<>();
		for (String line : text.split("\n")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			int space = line.lastIndexOf(' ');
			samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
		}
		return new PrometheusScrape(samples);
	}

	/** The names of every series, without labels. */
	public Set<String> names() {
		return this.samples.keySet()
			.stream()
			.map((series) -> series.contains("{") ? series.substring(0, series.indexOf('{')) : series)
			.collect(Collectors.toCollection(TreeSet::new));
	}

	/**
	 * The sum of the samples of a name whose labels include all of {@code labels}, each
	 * written {@code key="value"}; 0 if there are none.
	 */
	public double sum(String name, String... labels) {
		double sum = 0;
		for (Map.Entry<String, Double> sample : this.samples.entrySet()) {
			if (matches(sample.getKey(), name, labels)) {
				sum += sample.getValue();
			}
		}
		return sum;
	}

	/** The series of a name whose labels include all of {@code labels}. */
	public Set<String> series(String name, String... labels) {
		return this.samples.keySet()
			.stream()
			.filter((series) -> matches(series, name, labels))
			.collect(Collectors.toCollection(TreeSet::new));
	}

	private static boolean matches(String series, String name, String... labels) {
		if (!series.equals(name) && !series.startsWith(name + "{")) {
			return false;
		}
		for (String label : labels) {
			if (!series.contains("{" + label + ",") && !series.contains("," + label + ",")
					&& !series.contains("," + label + "}") && !series.contains("{" + label + "}")) {
				return false;
			}
		}
		return true;
	}

}
