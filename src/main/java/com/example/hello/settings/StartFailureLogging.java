package com.example.hello.settings;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Log levels that keep a failed start to the one message of {@link StartFailureReporter},
 * as defaults that any configuration file, variable or argument overrides:
 * <ul>
 * <li>the application context's WARN "Exception encountered during context initialization
 * - cancelling refresh attempt: ..." with the exception chain, logged as the context
 * gives up and before any reporter runs. Every failure it announces is then reported
 * anyway, by hello's one line or by Spring Boot with the stack trace, so only errors are
 * kept from the contexts' loggers (the {@code AnnotationConfig...} one the jar runs and
 * the plain one of the AOT production layout);</li>
 * <li>the condition evaluation report's INFO hint "re-run your application with 'debug'
 * enabled", unless {@code debug} or {@code trace} is set, when the report itself is
 * wanted.</li>
 * </ul>
 * They go in last, below {@code application.yml}.
 */
class StartFailureLogging implements EnvironmentPostProcessor {

	private static final String SOURCE_NAME = "helloStartFailureLogging";

	private static final String LEVEL = "logging.level.";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> levels = new java.util.LinkedHashMap<>();
		levels.put(LEVEL
				+ "org.springframework.boot.web.servlet.context.AnnotationConfigServletWebServerApplicationContext",
				"error");
		levels.put(LEVEL + "org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext", "error");
		if (!isSet(environment, "debug") && !isSet(environment, "trace")) {
			levels.put(LEVEL + "org.springframework.boot.autoconfigure.logging.ConditionEvaluationReportLogger",
					"warn");
		}
		environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, levels));
	}

	/** As Spring Boot's logging reads {@code debug} and {@code trace}. */
	private static boolean isSet(ConfigurableEnvironment environment, String property) {
		String value = environment.getProperty(property);
		return value != null && !value.equals("false");
	}

}
