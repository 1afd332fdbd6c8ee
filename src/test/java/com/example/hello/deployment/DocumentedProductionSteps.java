package com.example.hello.deployment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell blocks of docs/deployment.md's "Production on Debian, step by step" section,
 * in order, as a reader copies them: the production test runs exactly these.
 */
final class DocumentedProductionSteps {

	static final Path DOCUMENT = Path.of("docs", "deployment.md");

	private static final String SECTION = "## Production on Debian, step by step";

	private static final Pattern BLOCK = Pattern.compile("^( *)```sh\\n(.*?)^\\1```",
			Pattern.DOTALL | Pattern.MULTILINE);

	private final List<String> blocks;

	private DocumentedProductionSteps(List<String> blocks) {
		this.blocks = blocks;
	}

	static DocumentedProductionSteps read() throws IOException {
		String readme = Files.readString(DOCUMENT);
		int start = readme.indexOf(SECTION);
		if (start < 0) {
			throw new IllegalStateException("docs/deployment.md has no section '" + SECTION + "'");
		}
		int end = readme.indexOf("\n## ", start + SECTION.length());
		String section = readme.substring(start, (end < 0) ? readme.length() : end);
		List<String> blocks = new ArrayList<>();
		Matcher matcher = BLOCK.matcher(section);
		while (matcher.find()) {
			String indent = matcher.group(1);
			StringBuilder block = new StringBuilder();
			for (String line : matcher.group(2).split("\n", -1)) {
				block.append(line.startsWith(indent) ? line.substring(indent.length()) : line).append('\n');
			}
			blocks.add(block.toString().strip() + "\n");
		}
		return new DocumentedProductionSteps(blocks);
	}

	/** The {@code index}th shell block of the section, from 0. */
	String block(int index) {
		return this.blocks.get(index);
	}

	int count() {
		return this.blocks.size();
	}

	/** A fingerprint of every command in the section, in order. */
	String sha256() {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (String block : this.blocks) {
				digest.update(block.getBytes(StandardCharsets.UTF_8));
				digest.update((byte) 0);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < this.blocks.size(); i++) {
			text.append("--- block ").append(i).append('\n').append(this.blocks.get(i));
		}
		return text.toString();
	}

}
