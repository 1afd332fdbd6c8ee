package com.example.hello.accesslog;

import java.time.Clock;

import io.undertow.UndertowOptions;
import io.undertow.server.handlers.accesslog.AccessLogHandler;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.embedded.undertow.UndertowBuilderCustomizer;
import org.springframework.boot.web.embedded.undertow.UndertowDeploymentInfoCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Adds the access log to Undertow's handler chain when {@code hello.access-log.enabled}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "hello.access-log.enabled", havingValue = "true")
class AccessLogConfiguration {

	private static final String STRUCTURED_CONSOLE = "logging.structured.format.console";

	@Bean
	AccessLogWriter accessLogWriter(AccessLogProperties accessLog) {
		AccessLogWriter.Sink sink = (accessLog.directory() != null)
				? new DailyFileSink(accessLog.directory(), Clock.systemDefaultZone()) : new StandardOutputSink();
		return new AccessLogWriter(sink, accessLog.queueCapacity());
	}

	@Bean
	UndertowDeploymentInfoCustomizer accessLogCustomizer(AccessLogWriter receiver, AccessLogProperties accessLog,
			Environment environment) {
		if (json(accessLog, environment)) {
			JsonAccessLogLine line = new JsonAccessLogLine(environment.getProperty("spring.application.name"));
			return (deployment) -> deployment
				.addInitialHandlerChainWrapper((next) -> new AccessLogHandler(next, receiver, "json", line));
		}
		return (deployment) -> deployment.addInitialHandlerChainWrapper((next) -> new AccessLogHandler(next, receiver,
				accessLog.pattern(), AccessLogConfiguration.class.getClassLoader()));
	}

	/** JSON when asked for, or when unset and the application log is structured. */
	static boolean json(AccessLogProperties accessLog, Environment environment) {
		if (accessLog.format() != null) {
			return accessLog.format() == AccessLogProperties.Format.JSON;
		}
		return StringUtils.hasText(environment.getProperty(STRUCTURED_CONSOLE));
	}

	@Bean
	UndertowBuilderCustomizer requestStartTimeCustomizer() {
		// the access log's duration needs the time each request started
		return (builder) -> builder.setServerOption(UndertowOptions.RECORD_REQUEST_START_TIME, true);
	}

}
