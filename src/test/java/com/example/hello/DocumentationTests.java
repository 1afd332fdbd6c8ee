package com.example.hello;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README is a front door and docs/ the present: every link stays inside the repository
 * and resolves, down to the heading, and so does every docs/ reference in code and
 * configuration comments.
 */
class DocumentationTests {

	private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

	private static final Pattern DOCS_REFERENCE = Pattern.compile("docs/([\\w-]+\\.md)(#[\\w-]+)?");

	private static final Pattern CODE_BLOCK = Pattern.compile("```.*?```", Pattern.DOTALL);

	private static final Pattern HEADING = Pattern.compile("^#+\\s+(.*)$", Pattern.MULTILINE);

	@Test
	void readmeIsAFrontDoor() throws IOException {
		String readme = Files.readString(Path.of("README.md"));
		assertThat(readme.lines().count()).as("README.md's lines").isLessThanOrEqualTo(200);
		assertThat(readme).as("README.md").doesNotContain("/tmp/").doesNotContain("../");
		assertThat(Pattern.compile("\\b20\\d\\d-\\d\\d-\\d\\d\\b").matcher(readme).find()).as("a date in README.md")
			.isFalse();
	}

	@Test
	void everyLinkInTheDocsResolvesInsideTheRepository() throws IOException {
		List<String> broken = new ArrayList<>();
		for (Path page : markdownPages()) {
			String text = CODE_BLOCK.matcher(Files.readString(page)).replaceAll("");
			Matcher link = MARKDOWN_LINK.matcher(text);
			while (link.find()) {
				String target = link.group(1);
				if (target.matches("^[a-zA-Z][a-zA-Z+.-]*:.*")) {
					broken.add(page + ": " + target + " leaves the repository");
					continue;
				}
				int hash = target.indexOf('#');
				String file = (hash >= 0) ? target.substring(0, hash) : target;
				Path resolved = file.isEmpty() ? page : page.toAbsolutePath().getParent().resolve(file).normalize();
				check(page + ": " + target, resolved, (hash >= 0) ? target.substring(hash + 1) : null, broken);
			}
		}
		assertThat(broken).isEmpty();
	}

	@Test
	void everyDocsReferenceInCodeAndConfigurationResolves() throws IOException {
		List<String> broken = new ArrayList<>();
		for (String root : List.of("src/main", "deploy", "nginx", "bench", "tools", "pom.xml")) {
			try (Stream<Path> files = Files.walk(Path.of(root))) {
				for (Path file : files.filter(Files::isRegularFile).toList()) {
					Matcher reference = DOCS_REFERENCE.matcher(Files.readString(file, StandardCharsets.ISO_8859_1));
					while (reference.find()) {
						String anchor = (reference.group(2) != null) ? reference.group(2).substring(1) : null;
						check(file + ": " + reference.group(), Path.of("docs", reference.group(1)), anchor, broken);
					}
				}
			}
		}
		assertThat(broken).isEmpty();
	}

	private static void check(String where, Path target, String anchor, List<String> broken) throws IOException {
		if (!Files.exists(target)) {
			broken.add(where + ": no such file");
		}
		else if (anchor != null && Files.isRegularFile(target) && !anchors(target).contains(anchor)) {
			broken.add(where + ": no such heading in " + target);
		}
	}

	private static List<Path> markdownPages() throws IOException {
		List<Path> pages = new ArrayList<>(List.of(Path.of("README.md"), Path.of("CONTRIBUTING.md")));
		try (Stream<Path> docs = Files.list(Path.of("docs"))) {
			docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
		}
		return pages;
	}

	/**
	 * The anchors a Markdown renderer gives the headings of a page, as GitHub makes them.
	 */
	static Set<String> anchors(Path page) throws IOException {
		String text = CODE_BLOCK.matcher(Files.readString(page)).replaceAll("");
		Set<String> anchors = new LinkedHashSet<>();
		Map<String, Integer> seen = new HashMap<>();
		Matcher heading = HEADING.matcher(text);
		while (heading.find()) {
			String slug = heading.group(1)
				.strip()
				.toLowerCase(Locale.ROOT)
				.replaceAll("[^\\p{L}\\p{N}_\\- ]", "")
				.replace(' ', '-');
			int count = seen.merge(slug, 1, Integer::sum);
			anchors.add((count == 1) ? slug : slug + "-" + (count - 1));
		}
		return anchors;
	}

}
