package com.example.hello.settings;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * The one line a bad setting stops start-up with: the property, its value, what is wrong
 * and the fix, then where the value was set, naming the environment variable (a
 * {@code HELLO_*} shortcut included) or the command-line argument that set it. It
 * describes hello's own {@link InvalidSettingException}, which hello's settings throw
 * when they are bound and checked, Spring's binding errors of
 * {@code @ConfigurationProperties} (a value that does not convert) and Spring Boot's
 * {@link InvalidConfigurationPropertyValueException} ({@code server.port=abc}, read by a
 * condition before any binding) alike. {@link StartFailureReporter} prints it, once.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class InvalidSettingFailureAnalyzer implements FailureAnalyzer {

	/** Fixes for Spring Boot's own properties, where the type alone says too little. */
	private static final Map<String, String> FIXES = Map.of("server.port",
			"set a port number from 1 to 65535, or 0 for any free port", "server.address",
			"set an IP address of this machine, such as 127.0.0.1");

	private final Environment environment;

	InvalidSettingFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		InvalidSettingException setting = findCause(failure, InvalidSettingException.class);
		if (setting != null) {
			return analysis(setting.getMessage() + where(origin(setting.property())), setting.property(), setting);
		}
		BindException bind = findCause(failure, BindException.class);
		if (bind != null) {
			return analyze(bind);
		}
		InvalidConfigurationPropertyValueException invalid = findCause(failure,
				InvalidConfigurationPropertyValueException.class);
		if (invalid != null) {
			return analyze(invalid);
		}
		PortInUseException portInUse = findCause(failure, PortInUseException.class);
		if (portInUse != null && this.environment != null) {
			return analyze(portInUse);
		}
		return null;
	}

	/**
	 * A TCP port of {@code server.bind}, or {@code server.port}, that another process
	 * holds.
	 */
	private FailureAnalysis analyze(PortInUseException cause) {
		String name = (this.environment.getProperty("server.bind", "").isBlank()) ? "server.port" : "server.bind";
		String value = this.environment.getProperty(name, String.valueOf(cause.getPort()));
		return analysis(InvalidSettingException.line(name, value,
				"port " + cause.getPort()
						+ " is already in use by another process; stop that process or choose another port")
				+ where(origin(name)), name, cause);
	}

	private FailureAnalysis analyze(BindException cause) {
		ConfigurationProperty property = cause.getProperty();
		String name = (property != null) ? property.getName().toString() : cause.getName().toString();
		Object value = (property != null) ? property.getValue() : null;
		Throwable specific = NestedExceptionUtils.getMostSpecificCause(cause);
		String problem = (specific instanceof NumberFormatException) ? "it is not a whole number"
				: specific.getMessage();
		String reason = problem + fix(name, cause.getTarget().getType().resolve(Object.class));
		return analysis(InvalidSettingException.line(name, value, reason)
				+ where((property != null) ? property.getOrigin() : origin(name)), name, cause);
	}

	private FailureAnalysis analyze(InvalidConfigurationPropertyValueException cause) {
		String name = cause.getName();
		String reason = cause.getReason();
		String problem = (reason != null && reason.startsWith("Failed to convert to type"))
				? "it is not a " + type(reason) : (reason != null) ? reason : "it is not valid";
		String fix = FIXES.containsKey(name) ? "; " + FIXES.get(name) : "";
		return analysis(InvalidSettingException.line(name, cause.getValue(), problem + fix) + where(origin(name)), name,
				cause);
	}

	private static String type(String reason) {
		return (reason.endsWith("Integer") || reason.endsWith("Long")) ? "whole number"
				: reason.substring("Failed to convert to type ".length());
	}

	/**
	 * How to write a value of the type that could not be converted, if it is a simple
	 * one.
	 */
	private static String fix(String property, Class<?> type) {
		if (FIXES.containsKey(property)) {
			return "; " + FIXES.get(property);
		}
		if (type == DataSize.class) {
			return "; set a size such as 10MB or 8190B";
		}
		if (type == Duration.class) {
			return "; set a duration such as 30s or 500ms";
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
			return "; write it in digits, such as 4";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "; set true or false";
		}
		return "";
	}

	private static FailureAnalysis analysis(String description, String property, Throwable cause) {
		return new FailureAnalysis(description, "Change " + property + " where it is set, as the line says.", cause);
	}

	/** Where the property got its value, if the environment knows it. */
	private Origin origin(String property) {
		if (!(this.environment instanceof ConfigurableEnvironment)) {
			return null;
		}
		ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			ConfigurationProperty candidate = source.getConfigurationProperty(name);
			if (candidate != null) {
				return candidate.getOrigin();
			}
		}
		return null;
	}

	/**
	 * Where a value came from, as a deployer would look for it: an environment variable
	 * ({@code HELLO_*} shortcuts named as such), a command-line argument or a line of a
	 * file.
	 */
	static String where(Origin origin) {
		if (origin == null) {
			return "";
		}
		if (origin instanceof PropertySourceOrigin property && property.getOrigin() != null) {
			return where(property.getOrigin());
		}
		if (origin instanceof SystemEnvironmentOrigin variable) {
			String name = variable.getProperty();
			String shortcut = EnvironmentVariableShortcuts.SHORTCUTS.get(name);
			return " (set by the environment variable " + name
					+ ((shortcut != null) ? ", hello's shortcut for " + shortcut : "") + ")";
		}
		if (origin instanceof PropertySourceOrigin property
				&& CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME
					.equals(property.getPropertySource().getName())) {
			return " (set by the command-line argument --" + property.getPropertyName() + ")";
		}
		return " (set by " + origin + ")";
	}

	private static <E extends Throwable> E findCause(Throwable failure, Class<E> type) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (type.isInstance(candidate)) {
				return type.cast(candidate);
			}
		}
		return null;
	}

}
