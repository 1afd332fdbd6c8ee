package com.example.hello.server;

import java.util.List;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import com.example.hello.settings.InvalidSettingException;

/**
 * Stops start-up when a separate management server is asked for. hello serves the
 * actuator on the listeners of {@code server.bind}, beside the pages: its web server
 * factory builds those listeners and no second server, so Spring Boot's management
 * context on a port of its own would fail with a missing bean (in the jar) or be ignored
 * (in the production layout, whose bean conditions were decided at build time).
 */
@Component
class ManagementOnServerListeners {

	private static final List<String> PROPERTIES = List.of("management.server.port", "management.server.address");

	ManagementOnServerListeners(Environment environment) {
		for (String property : PROPERTIES) {
			String value = environment.getProperty(property);
			if (value != null) {
				throw new InvalidSettingException(property, value,
						"hello serves the actuator on the listeners of server.bind and starts no second server",
						"remove it (the shipped nginx sites keep /actuator from the public, "
								+ "docs/operations.md#health)");
			}
		}
	}

}
