package com.example.hello.web;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import org.thymeleaf.spring6.SpringTemplateEngine;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.embedded.undertow.UndertowDeploymentInfoCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.filter.CharacterEncodingFilter;
import org.springframework.web.filter.RequestContextFilter;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.FlashMapManager;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.FixedLocaleResolver;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * The servlet pipeline, without the filters Spring Boot adds that have nothing to do in
 * hello. Each one costs every request a pass through the filter chain, and those built on
 * {@code OncePerRequestFilter} a request attribute whose name is concatenated per
 * request.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	/**
	 * Keeps Spring Boot from adding {@link ResourceUrlEncodingFilter} to every request:
	 * the layout's one versioned link comes from the pages feature's site model.
	 */
	@Bean
	FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
		return notRegistered(new ResourceUrlEncodingFilter());
	}

	/**
	 * Keeps Spring Boot from adding {@link RequestContextFilter}: it exposes the request
	 * to {@code RequestContextHolder} for filters, and no filter of hello's needs it.
	 * {@link DispatcherServlet} exposes it itself to every controller, view and error
	 * page.
	 */
	@Bean
	FilterRegistrationBean<RequestContextFilter> requestContextFilter() {
		return notRegistered(new RequestContextFilter());
	}

	/**
	 * Never looks for a session id in a request ({@link NoSessionLookup}).
	 */
	@Bean
	UndertowDeploymentInfoCustomizer noSessionLookupCustomizer() {
		return (deployment) -> deployment.setSessionConfigWrapper((config, wrapped) -> new NoSessionLookup(config));
	}

	/**
	 * Spring's {@code DispatcherServlet} takes the bean of this name, instead of its
	 * session-backed default ({@link NoFlashMaps}).
	 */
	@Bean(DispatcherServlet.FLASH_MAP_MANAGER_BEAN_NAME)
	FlashMapManager flashMapManager() {
		return new NoFlashMaps();
	}

	/**
	 * Error dispatches only, so that no ordinary request passes through it
	 * ({@link ErrorContentTypeFilter}).
	 */
	@Bean
	FilterRegistrationBean<ErrorContentTypeFilter> errorContentTypeFilter() {
		FilterRegistrationBean<ErrorContentTypeFilter> registration = new FilterRegistrationBean<>(
				new ErrorContentTypeFilter());
		registration.setDispatcherTypes(DispatcherType.ERROR);
		return registration;
	}

	/**
	 * A registration that keeps Spring Boot from registering its own filter of the type
	 * and registers none.
	 */
	private static <F extends Filter> FilterRegistrationBean<F> notRegistered(F filter) {
		FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
		registration.setEnabled(false);
		return registration;
	}

	/**
	 * Reads a request that names no charset as {@code server.servlet.encoding.charset}
	 * (UTF-8), as a deployment default instead of Spring Boot's
	 * {@link CharacterEncodingFilter}, which {@code server.servlet.encoding.enabled:
	 * false} turns off. Unlike the filter, it respects a charset the client names.
	 */
	@Bean
	UndertowDeploymentInfoCustomizer defaultRequestEncodingCustomizer(ServerProperties server) {
		Charset charset = server.getServlet().getEncoding().getCharset();
		return (deployment) -> deployment.setDefaultRequestEncoding(charset.name());
	}

	/**
	 * Sends a response that fits Undertow's buffer ({@code server.undertow.buffer-size})
	 * as one write with a {@code Content-Length}. Thymeleaf and Spring's message
	 * converters flush the response when they are done; a flush commits it, so every page
	 * went out chunked, in two writes: the page, then the last chunk. Undertow ignores a
	 * flush only once the request has been read in full and the response is not chunked
	 * by choice. A controller that streams (server-sent events,
	 * {@code StreamingResponseBody}) needs its flushes: take this out if you add one.
	 */
	@Bean
	UndertowDeploymentInfoCustomizer ignoreFlushCustomizer() {
		return (deployment) -> deployment.setIgnoreFlush(true);
	}

	/**
	 * The pages are written in English ({@code <html lang="en">}), whatever language the
	 * client asks for: Spring MVC's default takes the locale from {@code Accept-Language}
	 * and sends it back as {@code Content-Language}. The name is the one Spring MVC looks
	 * the resolver up by.
	 */
	@Bean
	LocaleResolver localeResolver() {
		return new FixedLocaleResolver(Locale.ENGLISH);
	}

	/**
	 * A 405 names the methods that {@code OPTIONS} on the same path names
	 * ({@link AllowedMethods}). {@code /favicon.ico} and {@code /robots.txt}, which
	 * browsers and crawlers ask for at the root, are served from the pages' static files
	 * by one resource handler for exactly those two paths, cached for a day (their names
	 * carry no content hash): {@code spring.mvc.static-path-pattern} keeps every other
	 * path from a class path search.
	 */
	@Bean
	WebMvcConfigurer allowedMethodsAndRootFiles() {
		return new WebMvcConfigurer() {

			@Override
			public void addResourceHandlers(ResourceHandlerRegistry registry) {
				registry.addResourceHandler("/favicon.ico", "/robots.txt")
					.addResourceLocations("classpath:/static/pages/")
					.setCacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePublic());
			}

			@Override
			public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
				resolvers.add(0, new AllowedMethods());
			}

		};
	}

	/**
	 * Has Spring MVC keep the return value handler it chooses for each handler method
	 * instead of choosing again on every request ({@link ChosenReturnValueHandlers}).
	 */
	@Bean
	static BeanPostProcessor chosenReturnValueHandlers() {
		return new ReturnValueHandlersPostProcessor();
	}

	/**
	 * Builds the templates' links without asking the response to rewrite each one
	 * ({@link SessionlessLinkBuilder}).
	 */
	@Bean
	static BeanPostProcessor sessionlessLinks() {
		return new SessionlessLinksPostProcessor();
	}

	private static final class SessionlessLinksPostProcessor implements BeanPostProcessor {

		@Override
		public Object postProcessBeforeInitialization(Object bean, String beanName) {
			if (bean instanceof SpringTemplateEngine engine) {
				engine.setLinkBuilder(new SessionlessLinkBuilder());
			}
			return bean;
		}

	}

	private static final class ReturnValueHandlersPostProcessor implements BeanPostProcessor {

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (bean instanceof RequestMappingHandlerAdapter adapter && adapter.getReturnValueHandlers() != null) {
				adapter
					.setReturnValueHandlers(List.of(new ChosenReturnValueHandlers(adapter.getReturnValueHandlers())));
			}
			return bean;
		}

	}

}
