package com.example.hello.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.web.embedded.undertow.UndertowDeploymentInfoCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

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
	RequestTimers requestTimers(MeterRegistry registry) {
		return new RequestTimers(registry);
	}

	@Bean
	AnsweredBeforeServlet answeredBeforeServlet(RequestTimers timers) {
		return new AnsweredBeforeServlet(timers);
	}

	@Bean
	FilterRegistrationBean<RequestMetricsFilter> requestMetricsFilter(RequestTimers timers) {
		FilterRegistrationBean<RequestMetricsFilter> registration = new FilterRegistrationBean<>(
				new RequestMetricsFilter(timers));
		// first, as Spring's observation filter would be, so that the time includes every
		// other filter; on the request dispatch only, so that an error page dispatched
		// afterwards does not count the request twice
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		return registration;
	}

	@Bean
	AvailabilityMetrics availabilityMetrics(ApplicationAvailability availability) {
		return new AvailabilityMetrics(availability);
	}

}
