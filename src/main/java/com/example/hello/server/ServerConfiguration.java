package com.example.hello.server;

import io.undertow.UndertowOptions;
import io.undertow.server.handlers.accesslog.AccessLogHandler;
import io.undertow.server.handlers.accesslog.AccessLogReceiver;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.embedded.undertow.UndertowBuilderCustomizer;
import org.springframework.boot.web.embedded.undertow.UndertowDeploymentInfoCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Registers hello's Undertow factory in place of Spring Boot's, with the same
 * customizers, plus trusted forwarded headers and the access log.
 */
@Configuration(proxyBeanMethods = false)
class ServerConfiguration {

	@Bean
	BindingUndertowServletWebServerFactory undertowServletWebServerFactory(BindProperties bind, ServerProperties server,
			ObjectProvider<UndertowDeploymentInfoCustomizer> deploymentInfoCustomizers,
			ObjectProvider<UndertowBuilderCustomizer> builderCustomizers) {
		DataSize bufferSize = server.getUndertow().getBufferSize();
		BindingUndertowServletWebServerFactory factory = new BindingUndertowServletWebServerFactory(bind,
				BindingUndertowServletWebServerFactory.bufferPool(
						(bufferSize != null) ? (int) bufferSize.toBytes() : null,
						server.getUndertow().getDirectBuffers()));
		factory.getDeploymentInfoCustomizers().addAll(deploymentInfoCustomizers.orderedStream().toList());
		factory.getBuilderCustomizers().addAll(builderCustomizers.orderedStream().toList());
		return factory;
	}

	@Bean
	UndertowDeploymentInfoCustomizer forwardedHeadersCustomizer(ForwardedProperties forwarded) {
		return (deployment) -> deployment
			.addInitialHandlerChainWrapper((next) -> new ForwardedHeadersHandler(next, forwarded.trustedProxies()));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "hello.access-log.enabled", havingValue = "true")
	static class AccessLogConfiguration {

		@Bean
		AccessLogReceiver accessLogReceiver(AccessLogProperties accessLog) {
			return (accessLog.directory() != null) ? new FileAccessLogReceiver(accessLog.directory())
					: new StandardOutputAccessLogReceiver();
		}

		@Bean
		UndertowDeploymentInfoCustomizer accessLogCustomizer(AccessLogReceiver receiver,
				AccessLogProperties accessLog) {
			return (deployment) -> deployment.addInitialHandlerChainWrapper((next) -> new AccessLogHandler(next,
					receiver, accessLog.pattern(), ServerConfiguration.class.getClassLoader()));
		}

		@Bean
		UndertowBuilderCustomizer requestStartTimeCustomizer() {
			// the access log's duration needs the time each request started
			return (builder) -> builder.setServerOption(UndertowOptions.RECORD_REQUEST_START_TIME, true);
		}

	}

}
