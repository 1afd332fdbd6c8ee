package com.example.hello.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code deploy/systemd/hello.env}'s settings, as systemd's {@code EnvironmentFile=}
 * reads them: one {@code NAME=value} a line, comments and blank lines skipped,
 * surrounding double quotes removed.
 */
public final class HelloEnv {

	private static final Path FILE = Path.of("deploy/systemd/hello.env");

	private HelloEnv() {
	}

	public static Map<String, String> settings() throws IOException {
		Map<String, String> settings = new HashMap<>();
		for (String line : Files.readAllLines(FILE)) {
			if (!line.isBlank() && !line.startsWith("#")) {
				String[] setting = line.split("=", 2);
				settings.put(setting[0], setting[1].replaceAll("^\"|\"$", ""));
			}
		}
		return settings;
	}

}
