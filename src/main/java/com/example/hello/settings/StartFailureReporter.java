package com.example.hello.settings;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Reports a start-up stopped by a bad setting as one ERROR line, the line of
 * {@link InvalidSettingFailureAnalyzer}, and nothing else: no stack trace, no Spring Boot
 * "APPLICATION FAILED TO START" block. It runs ahead of Spring Boot's own reporter, which
 * then says nothing, and Spring Boot counts the failure as logged, so the main thread
 * does not print it again as it exits with status 1. Every other failure is left to
 * Spring Boot: its failure analyzers, or "Application run failed" with the stack trace.
 * {@link StartFailureLogging} quietens the two lines Spring logs before any reporter
 * runs.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class StartFailureReporter implements SpringBootExceptionReporter {

	private static final Log logger = LogFactory.getLog(StartFailureReporter.class);

	private final InvalidSettingFailureAnalyzer analyzer;

	StartFailureReporter(ConfigurableApplicationContext context) {
		Environment environment = (context != null) ? context.getEnvironment() : null;
		this.analyzer = new InvalidSettingFailureAnalyzer(environment);
	}

	@Override
	public boolean reportException(Throwable failure) {
		FailureAnalysis analysis = this.analyzer.analyze(failure);
		if (analysis == null) {
			return false;
		}
		logger.error(analysis.getDescription());
		return true;
	}

}
