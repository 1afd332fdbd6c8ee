package com.example.hello.system;

import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Reports a configuration property that fails validation as one line: the property, the
 * value, where it came from and what it must be. Runs before Spring Boot's own, more
 * verbose, analyzer for the same failure.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class InvalidPropertyFailureAnalyzer extends AbstractFailureAnalyzer<BindValidationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BindValidationException cause) {
		String description = cause.getValidationErrors()
			.getAllErrors()
			.stream()
			.map((error) -> describe(cause.getValidationErrors().getName() + ".", error))
			.collect(Collectors.joining("; "));
		return new FailureAnalysis(description, "Fix the property in the configuration file, environment variable or "
				+ "command-line argument named above", cause);
	}

	private static String describe(String prefix, ObjectError error) {
		if (!(error instanceof FieldError field)) {
			return "Invalid " + prefix + "*: " + error.getDefaultMessage();
		}
		Origin origin = Origin.from(field);
		return "Invalid " + prefix + field.getField() + "='" + field.getRejectedValue() + "': "
				+ field.getDefaultMessage() + ((origin != null) ? " (set by " + origin + ")" : "");
	}

}
