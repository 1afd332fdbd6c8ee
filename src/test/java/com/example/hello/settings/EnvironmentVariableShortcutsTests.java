package com.example.hello.settings;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class EnvironmentVariableShortcutsTests {

	@Test
	void aShortcutSetsItsPropertyAboveTheConfigurationFiles() {
		StandardEnvironment environment = environment(Map.of("HELLO_TRUSTED_PROXIES", "10.0.0.0/8"));
		environment.getPropertySources()
			.addLast(new MapPropertySource("application.yml", Map.of("server.trusted-proxies", "127.0.0.1")));
		new EnvironmentVariableShortcuts().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("server.trusted-proxies")).isEqualTo("10.0.0.0/8");
	}

	@Test
	void theFullEnvironmentVariableWinsOverTheShortcut() {
		StandardEnvironment environment = environment(Map.of("HELLO_PORT", "9000", "SERVER_PORT", "9001"));
		new EnvironmentVariableShortcuts().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("server.port")).isEqualTo("9001");
	}

	@Test
	void anEmptyShortcutLeavesThePropertyToItsDefault() {
		StandardEnvironment environment = environment(Map.of("HELLO_ACCESS_LOG_DIR", "", "HELLO_SOCKET_GROUP", " "));
		new EnvironmentVariableShortcuts().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.containsProperty("hello.access-log.directory")).isFalse();
		assertThat(environment.containsProperty("server.unix-socket.group")).isFalse();
	}

	@Test
	void aBadValueIsReportedAsSetByItsVariable() {
		StandardEnvironment environment = environment(Map.of("HELLO_SOCKET_GROUP", "no-such-group"));
		new EnvironmentVariableShortcuts().postProcessEnvironment(environment, new SpringApplication());
		FailureAnalysis analysis = new InvalidSettingFailureAnalyzer(environment)
			.analyze(new InvalidSettingException("server.unix-socket.group", "no-such-group",
					"there is no such group on this host", "create it or set the group nginx runs in"));
		assertThat(analysis.getDescription()).endsWith(
				"(set by the environment variable HELLO_SOCKET_GROUP, hello's shortcut for server.unix-socket.group)");
	}

	@Test
	void theSocketShortcutSetsAUnixBindAboveTheProdProfilesSocket() {
		StandardEnvironment environment = environment(Map.of("HELLO_SOCKET", "/srv/hello/hello.sock"));
		environment.getPropertySources()
			.addLast(
					new MapPropertySource("application-prod.yml", Map.of("server.bind", "unix:/run/hello/hello.sock")));
		new EnvironmentVariableShortcuts().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("server.bind")).isEqualTo("unix:/srv/hello/hello.sock");
	}

	@Test
	void aBadSocketIsReportedAsSetByHelloSocket() {
		StandardEnvironment environment = environment(Map.of("HELLO_SOCKET", "/missing/dir/hello.sock"));
		new EnvironmentVariableShortcuts().postProcessEnvironment(environment, new SpringApplication());
		FailureAnalysis analysis = new InvalidSettingFailureAnalyzer(environment)
			.analyze(new InvalidSettingException("server.bind", "unix:/missing/dir/hello.sock",
					"its directory /missing/dir does not exist", "create it"));
		assertThat(analysis.getDescription()).isEqualTo("Invalid server.bind='unix:/missing/dir/hello.sock': its "
				+ "directory /missing/dir does not exist; create it "
				+ "(set by the environment variable HELLO_SOCKET, hello's shortcut for server.bind)");
	}

	private static StandardEnvironment environment(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		return environment;
	}

}
