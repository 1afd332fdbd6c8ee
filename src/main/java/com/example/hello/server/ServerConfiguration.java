package com.example.hello.server;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.embedded.undertow.UndertowBuilderCustomizer;
import org.springframework.boot.web.embedded.undertow.UndertowDeploymentInfoCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Registers hello's Undertow factory in place of Spring Boot's, with the same
 * customizers.
 */
@Configuration(proxyBeanMethods = false)
class ServerConfiguration {

	@Bean
	BindingUndertowServletWebServerFactory undertowServletWebServerFactory(BindProperties bind, ServerProperties server,
			ObjectProvider<UndertowDeploymentInfoCustomizer> deploymentInfoCustomizers,
			ObjectProvider<UndertowBuilderCustomizer> builderCustomizers) {
		DataSize bufferSize = server.getUndertow().getBufferSize();
		BindingUndertowServletWebServerFactory factory = new BindingUndertowServletWebServerFactory(bind,
				UndertowInternals.bufferPool((bufferSize != null) ? (int) bufferSize.toBytes() : null,
						server.getUndertow().getDirectBuffers()));
		factory.getDeploymentInfoCustomizers().addAll(deploymentInfoCustomizers.orderedStream().toList());
		factory.getBuilderCustomizers().addAll(builderCustomizers.orderedStream().toList());
		return factory;
	}

}
