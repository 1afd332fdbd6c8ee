package com.example.hello.system;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/** The servlet pipeline, without what hello does not need on every request. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	/**
	 * Keeps Spring Boot from adding {@link ResourceUrlEncodingFilter} to every request:
	 * the layout's one versioned link comes from {@link SiteModelAdvice#stylesheet()}.
	 */
	@Bean
	FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
		FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(
				new ResourceUrlEncodingFilter());
		registration.setEnabled(false);
		return registration;
	}

}
