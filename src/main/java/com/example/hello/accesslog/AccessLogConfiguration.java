package com.example.hello.accesslog;

import java.time.Clock;

import io.undertow.UndertowOptions;
import io.undertow.server.handlers.accesslog.AccessLogHandler;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.embedded.undertow.UndertowBuilderCustomizer;
import org.springframework.boot.web.embedded.undertow.UndertowDeploymentInfoCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Adds the access log to Undertow's handler chain when {@code hello.access-log.enabled}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "hello.access-log.enabled", havingValue = "true")
class AccessLogConfiguration {

	@Bean
	AccessLogWriter accessLogWriter(AccessLogProperties accessLog) {
		AccessLogWriter.Sink sink = (accessLog.directory() != null)
				? new DailyFileSink(accessLog.directory(), Clock.systemDefaultZone()) : new StandardOutputSink();
		return new AccessLogWriter(sink, accessLog.queueCapacity());
	}

	@Bean
	UndertowDeploymentInfoCustomizer accessLogCustomizer(AccessLogWriter receiver, AccessLogProperties accessLog) {
		return (deployment) -> deployment.addInitialHandlerChainWrapper((next) -> new AccessLogHandler(next, receiver,
				accessLog.pattern(), AccessLogConfiguration.class.getClassLoader()));
	}

	@Bean
	UndertowBuilderCustomizer requestStartTimeCustomizer() {
		// the access log's duration needs the time each request started
		return (builder) -> builder.setServerOption(UndertowOptions.RECORD_REQUEST_START_TIME, true);
	}

}
