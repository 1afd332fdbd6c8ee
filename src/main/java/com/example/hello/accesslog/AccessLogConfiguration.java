package com.example.hello.accesslog;

import io.undertow.UndertowOptions;
import io.undertow.server.handlers.accesslog.AccessLogHandler;
import io.undertow.server.handlers.accesslog.AccessLogReceiver;

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
	AccessLogReceiver accessLogReceiver(AccessLogProperties accessLog) {
		return (accessLog.directory() != null) ? new FileAccessLogReceiver(accessLog.directory())
				: new StandardOutputAccessLogReceiver();
	}

	@Bean
	UndertowDeploymentInfoCustomizer accessLogCustomizer(AccessLogReceiver receiver, AccessLogProperties accessLog) {
		return (deployment) -> deployment.addInitialHandlerChainWrapper((next) -> new AccessLogHandler(next, receiver,
				accessLog.pattern(), AccessLogConfiguration.class.getClassLoader()));
	}

	@Bean
	UndertowBuilderCustomizer requestStartTimeCustomizer() {
		// the access log's duration needs the time each request started
		return (builder) -> builder.setServerOption(UndertowOptions.RECORD_REQUEST_START_TIME, true);
	}

}
