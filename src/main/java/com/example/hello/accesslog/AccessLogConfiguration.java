package com.example.hello.accesslog;

import java.time.Clock;

import io.undertow.UndertowOptions;
import io.undertow.server.handlers.accesslog.AccessLogHandler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.embedded.undertow.UndertowBuilderCustomizer;
import org.springframework.boot.web.embedded.undertow.UndertowDeploymentInfoCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Adds the access log to Undertow's handler chain when {@code hello.access-log.enabled}.
 * <p>
 * The beans decide at run time rather than by a condition: the production layout runs
 * Spring AOT's bean definitions, in which every condition was evaluated once, at build
 * time, with the {@code prod} profile.
 */
@Configuration(proxyBeanMethods = false)
class AccessLogConfiguration {

	private static final String STRUCTURED_CONSOLE = "logging.structured.format.console";

	/** Created only when the access log is on: it starts the writer thread. */
	@Bean
	@Lazy
	AccessLogWriter accessLogWriter(AccessLogProperties accessLog) {
		AccessLogWriter.Sink sink = (accessLog.directory() != null)
				? new DailyFileSink(accessLog.directory(), Clock.systemDefaultZone()) : new StandardOutputSink();
		return new AccessLogWriter(sink, accessLog.queueCapacity());
	}

	@Bean
	UndertowDeploymentInfoCustomizer accessLogCustomizer(ObjectProvider<AccessLogWriter> writer,
			AccessLogProperties accessLog, Environment environment) {
		if (!accessLog.enabled()) {
			return (deployment) -> {
			};
		}
		AccessLogWriter receiver = writer.getObject();
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
	UndertowBuilderCustomizer requestStartTimeCustomizer(AccessLogProperties accessLog) {
		// the access log's duration needs the time each request started
		return (builder) -> builder.setServerOption(UndertowOptions.RECORD_REQUEST_START_TIME, accessLog.enabled());
	}

}
