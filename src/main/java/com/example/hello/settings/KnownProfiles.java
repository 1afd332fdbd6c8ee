package com.example.hello.settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Stops start-up when an active profile has no {@code application-<profile>.yml}: a
 * misspelt {@code prod} would otherwise start with the defaults, on TCP, without the
 * access log, and look healthy.
 */
@Component
class KnownProfiles {

	private static final String PROPERTY = "spring.profiles.active";

	private static final String BASE_FILE = "application.yml";

	KnownProfiles(Environment environment) {
		Set<String> known = known();
		List<String> unknown = Arrays.stream(environment.getActiveProfiles())
			.filter((profile) -> !known.contains(profile))
			.toList();
		if (!unknown.isEmpty()) {
			String value = environment.getProperty(PROPERTY, String.join(",", environment.getActiveProfiles()));
			throw new InvalidSettingException(PROPERTY, value, "there is no profile " + String.join(", ", unknown),
					"use one of " + known + ", or none for the safe defaults");
		}
	}

	/**
	 * The profiles whose files sit beside hello's own {@code application.yml}. Only that
	 * root is searched: a {@code classpath*:} search opens every jar of the class path,
	 * about a tenth of a second of start-up.
	 */
	private static Set<String> known() {
		Set<String> names = new TreeSet<>();
		try {
			String base = new ClassPathResource(BASE_FILE).getURL().toString();
			String root = base.substring(0, base.length() - BASE_FILE.length());
			for (Resource file : new PathMatchingResourcePatternResolver().getResources(root + "application-*.yml")) {
				String name = file.getFilename();
				names.add(name.substring("application-".length(), name.length() - ".yml".length()));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list the profiles' configuration files", ex);
		}
		return names;
	}

}
