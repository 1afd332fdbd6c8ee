package com.example.hello.forwarded;

import org.springframework.boot.web.embedded.undertow.UndertowDeploymentInfoCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts trusted forwarded headers first in Undertow's handler chain. */
@Configuration(proxyBeanMethods = false)
class ForwardedHeadersConfiguration {

	@Bean
	UndertowDeploymentInfoCustomizer forwardedHeadersCustomizer(ForwardedProperties forwarded) {
		return (deployment) -> deployment
			.addInitialHandlerChainWrapper((next) -> new ForwardedHeadersHandler(next, forwarded.trustedProxies()));
	}

}
