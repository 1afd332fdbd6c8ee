package com.example.hello.system;

import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Reports a configuration property that cannot be bound or fails validation as one line:
 * the property, the value, what is wrong with it and where it was set. Runs before Spring
 * Boot's own, multi-line, analyzers for the same failures.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class InvalidPropertyFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

	private static final String ACTION = "Fix the property where it is set: a configuration file, an environment "
			+ "variable or a command-line argument";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		if (cause.getCause() instanceof BindValidationException validation) {
			String prefix = validation.getValidationErrors().getName() + ".";
			String description = validation.getValidationErrors()
				.getAllErrors()
				.stream()
				.map((error) -> describe(prefix, error))
				.collect(Collectors.joining("; "));
			return new FailureAnalysis(description, ACTION, cause);
		}
		ConfigurationProperty property = cause.getProperty();
		String name = (property != null) ? property.getName().toString() : cause.getName().toString();
		Object value = (property != null) ? property.getValue() : null;
		String reason = NestedExceptionUtils.getMostSpecificCause(cause).getMessage();
		String description = "Invalid " + name + "='" + value + "': " + reason
				+ where((property != null) ? property.getOrigin() : null);
		return new FailureAnalysis(description, ACTION, cause);
	}

	private static String describe(String prefix, ObjectError error) {
		if (!(error instanceof FieldError field)) {
			return "Invalid " + prefix + "*: " + error.getDefaultMessage();
		}
		return "Invalid " + prefix + DataObjectPropertyName.toDashedForm(field.getField()) + "='"
				+ field.getRejectedValue() + "': " + field.getDefaultMessage() + where(Origin.from(field));
	}

	private static String where(Origin origin) {
		return (origin != null) ? " (set by " + origin + ")" : "";
	}

}
