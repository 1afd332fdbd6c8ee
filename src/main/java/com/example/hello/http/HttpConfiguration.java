package com.example.hello.http;

import io.undertow.UndertowOptions;
import org.xnio.Options;

import org.springframework.boot.web.embedded.undertow.UndertowDeploymentInfoCustomizer;
import org.springframework.boot.web.embedded.undertow.UndertowServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Applies {@code hello.http.*} to Undertow: its parser's limits and timeouts on every
 * listener, a scan of each request's head under the parser, hello's own checks of each
 * request ahead of the servlet pipeline, request bodies read on the I/O thread before a
 * request thread takes them, and the security headers of pages.
 */
@Configuration(proxyBeanMethods = false)
class HttpConfiguration {

	@Bean
	HttpLimitsCustomizer httpLimitsCustomizer(HttpProperties http, Environment environment) {
		http.validate(environment);
		return new HttpLimitsCustomizer(http);
	}

	@Bean
	RequestHeads requestHeads() {
		return new RequestHeads();
	}

	@Bean
	UndertowDeploymentInfoCustomizer requestHygieneCustomizer(HttpProperties http, RequestHeads heads) {
		return (deployment) -> deployment.addInitialHandlerChainWrapper((next) -> new RequestHygieneHandler(
				new RequestBodyGate(new SecurityHeadersHandler(next), http), http.limits(), heads));
	}

	/**
	 * Runs after Spring Boot's own customizer, so that hello's limits replace the options
	 * it sets from {@code server.max-http-request-header-size} and
	 * {@code server.undertow.max-http-post-size}.
	 */
	static final class HttpLimitsCustomizer
			implements WebServerFactoryCustomizer<UndertowServletWebServerFactory>, Ordered {

		private final HttpProperties http;

		HttpLimitsCustomizer(HttpProperties http) {
			this.http = http;
		}

		@Override
		public void customize(UndertowServletWebServerFactory factory) {
			HttpProperties.Limits limits = this.http.limits();
			HttpProperties.Timeouts timeouts = this.http.timeouts();
			factory.addBuilderCustomizers((builder) -> builder
				// room beyond the largest head hello's own checks allow, so that those
				// answer with their status rather than the parser with a bare 400
				.setServerOption(UndertowOptions.MAX_HEADER_SIZE, (int) Math.min(Integer.MAX_VALUE, limits.headSize()))
				.setServerOption(UndertowOptions.MAX_HEADERS, limits.parserHeaderFields())
				.setServerOption(UndertowOptions.MAX_ENTITY_SIZE, limits.body().toBytes())
				.setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, (int) timeouts.idle().toMillis())
				.setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int) timeouts.requestHeaders().toMillis())
				// Undertow's builder holds a response back while pipelined bytes wait,
				// and
				// its parser writes a 400 for those bytes past it, so that the held
				// response was lost: each response goes out when it is done instead
				.setServerOption(UndertowOptions.BUFFER_PIPELINED_DATA, false)
				.setSocketOption(Options.READ_TIMEOUT, (int) timeouts.read().toMillis())
				.setSocketOption(Options.WRITE_TIMEOUT, (int) timeouts.write().toMillis()));
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
