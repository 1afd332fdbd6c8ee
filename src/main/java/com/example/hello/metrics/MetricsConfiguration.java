package com.example.hello.metrics;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.web.embedded.undertow.UndertowDeploymentInfoCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** hello's own meters, beside those Spring Boot binds. */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

	@Bean
	BusyThreads busyThreads() {
		return new BusyThreads();
	}

	@Bean
	UndertowDeploymentInfoCustomizer busyThreadsCustomizer(BusyThreads busyThreads) {
		return (deployment) -> deployment.addOuterHandlerChainWrapper(busyThreads);
	}

	@Bean
	UndertowMetrics undertowMetrics(MeterRegistry registry, BusyThreads busyThreads) {
		return new UndertowMetrics(registry, busyThreads);
	}

	@Bean
	AvailabilityMetrics availabilityMetrics(ApplicationAvailability availability) {
		return new AvailabilityMetrics(availability);
	}

}
