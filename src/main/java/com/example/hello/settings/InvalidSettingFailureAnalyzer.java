package com.example.hello.settings;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.origin.Origin;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * The one way a bad setting stops start-up: one line that names the property, its value,
 * what is wrong and the fix, then where the property was set. It reports hello's own
 * {@link InvalidSettingException}, which hello's settings throw when they are bound and
 * checked, and Spring's binding errors of {@code @ConfigurationProperties} (a value that
 * does not convert) alike, ahead of Spring Boot's multi-line analyzers.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class InvalidSettingFailureAnalyzer implements FailureAnalyzer {

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
		return null;
	}

	private FailureAnalysis analyze(BindException cause) {
		ConfigurationProperty property = cause.getProperty();
		String name = (property != null) ? property.getName().toString() : cause.getName().toString();
		Object value = (property != null) ? property.getValue() : null;
		String reason = NestedExceptionUtils.getMostSpecificCause(cause).getMessage() + fix(cause);
		return analysis(InvalidSettingException.line(name, value, reason)
				+ where((property != null) ? property.getOrigin() : origin(name)), name, cause);
	}

	/**
	 * How to write a value of the type that could not be converted, if it is a simple
	 * one.
	 */
	private static String fix(BindException cause) {
		Class<?> type = cause.getTarget().getType().resolve(Object.class);
		if (type == DataSize.class) {
			return "; set a size such as 10MB or 8190B";
		}
		if (type == Duration.class) {
			return "; set a duration such as 30s or 500ms";
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
			return "; set a whole number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "; set true or false";
		}
		return "";
	}

	private static FailureAnalysis analysis(String description, String property, Throwable cause) {
		return new FailureAnalysis(description,
				"Change " + property
						+ " where it is set: a configuration file, an environment variable or a command-line argument.",
				cause);
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

	private static String where(Origin origin) {
		return (origin != null) ? " (set by " + origin + ")" : "";
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
