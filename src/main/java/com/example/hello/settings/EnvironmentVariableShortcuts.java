package com.example.hello.settings;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The short environment variables a deployer sets in {@code /etc/hello/hello.env}, each
 * for one property. A variable that is unset or empty leaves its property alone, so every
 * default stays where the property is declared; one that is set ranks with the other
 * environment variables, above the configuration files and below the command line, and a
 * bad value is reported as set by that variable.
 * <p>
 * This is the one mechanism for every shortcut, {@code HELLO_SOCKET} included: it sets
 * {@code server.bind} to {@code unix:} and its value, in every profile, and so wins over
 * the socket that {@code application-prod.yml} names, as an environment variable should.
 * A shortcut is read from the environment only; anywhere else (a command-line argument, a
 * test's properties) set the property itself.
 */
class EnvironmentVariableShortcuts implements EnvironmentPostProcessor {

	static final Map<String, String> SHORTCUTS = Map.of("HELLO_ADDRESS", "server.address", "HELLO_PORT", "server.port",
			"HELLO_SOCKET_GROUP", "server.unix-socket.group", "HELLO_TRUSTED_PROXIES", "server.trusted-proxies",
			"HELLO_ACCESS_LOG_DIR", "hello.access-log.directory", "HELLO_ACCESS_LOG_FORMAT", "hello.access-log.format",
			"HELLO_LOG_FORMAT", "logging.structured.format.console", "HELLO_SOCKET", "server.bind");

	/** What a shortcut's value is prefixed with to make its property's value. */
	private static final Map<String, String> PREFIXES = Map.of("HELLO_SOCKET", "unix:");

	private static final String SOURCE_NAME = "helloEnvironmentVariableShortcuts";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		MutablePropertySources sources = environment.getPropertySources();
		PropertySource<?> variables = sources.get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		if (variables == null) {
			return;
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		SHORTCUTS.forEach((variable, property) -> {
			Object value = variables.getProperty(variable);
			if (value != null && !value.toString().isBlank()) {
				String prefixed = PREFIXES.getOrDefault(variable, "") + value;
				properties.put(property, OriginTrackedValue.of(prefixed, new SystemEnvironmentOrigin(variable)));
			}
		});
		if (!properties.isEmpty()) {
			sources.addAfter(variables.getName(), new OriginTrackedMapPropertySource(SOURCE_NAME, properties));
		}
	}

}
