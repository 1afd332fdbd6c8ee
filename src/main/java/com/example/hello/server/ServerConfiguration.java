package com.example.hello.server;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.thread.Threading;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.embedded.undertow.UndertowBuilderCustomizer;
import org.springframework.boot.web.embedded.undertow.UndertowDeploymentInfoCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.util.unit.DataSize;

import com.example.hello.settings.InvalidSettingException;

/**
 * Registers hello's Undertow factory in place of Spring Boot's, with the same
 * customizers, and the {@link OpenListenerCustomizer}s and {@link RootHandlerCustomizer}s
 * of every listener.
 */
@Configuration(proxyBeanMethods = false)
class ServerConfiguration {

	@Bean
	BindingUndertowServletWebServerFactory undertowServletWebServerFactory(BindProperties bind, ServerProperties server,
			ObjectProvider<UndertowDeploymentInfoCustomizer> deploymentInfoCustomizers,
			ObjectProvider<UndertowBuilderCustomizer> builderCustomizers,
			ObjectProvider<OpenListenerCustomizer> openListenerCustomizers,
			ObjectProvider<RootHandlerCustomizer> rootHandlerCustomizers, Environment environment) {
		atLeastOne("server.undertow.threads.io", server.getUndertow().getThreads().getIo());
		atLeastOne("server.undertow.threads.worker", server.getUndertow().getThreads().getWorker());
		DataSize bufferSize = server.getUndertow().getBufferSize();
		BindingUndertowServletWebServerFactory factory = new BindingUndertowServletWebServerFactory(bind,
				UndertowInternals.bufferPool((bufferSize != null) ? (int) bufferSize.toBytes() : null,
						server.getUndertow().getDirectBuffers(), Threading.VIRTUAL.isActive(environment)),
				openListenerCustomizers.orderedStream().toList(), rootHandlerCustomizers.orderedStream().toList());
		factory.getDeploymentInfoCustomizers().addAll(deploymentInfoCustomizers.orderedStream().toList());
		factory.getBuilderCustomizers().addAll(builderCustomizers.orderedStream().toList());
		return factory;
	}

	private static void atLeastOne(String property, Integer threads) {
		if (threads != null && threads < 1) {
			throw new InvalidSettingException(property, threads, "must be at least 1",
					"set a number of threads, or leave it unset for Spring Boot's default");
		}
	}

	/** READY=1 to systemd or the launcher, when they ask for it with NOTIFY_SOCKET. */
	@Bean
	ReadinessNotifier readinessNotifier() {
		return new ReadinessNotifier(System.getenv("NOTIFY_SOCKET"));
	}

	@Bean
	ResumeSpinGuard resumeHandoff() {
		return new ResumeSpinGuard();
	}

	/**
	 * hello declares no servlet security (no {@code web.xml} constraints, no
	 * {@code @ServletSecurity}), so Undertow's servlet security handlers would only cost
	 * every request a walk through seven handlers that let it pass. Spring Security, if
	 * added, is a filter and does not depend on them.
	 */
	@Bean
	UndertowDeploymentInfoCustomizer noServletSecurityCustomizer() {
		return (deployment) -> deployment.setSecurityDisabled(true);
	}

	/**
	 * Runs requests on virtual threads when {@code spring.threads.virtual.enabled} and
	 * the JDK has them (21 or newer), as Spring Boot's own customizer does. Boot's is a
	 * bean condition, which Spring AOT evaluates once, at build time: in the production
	 * layout the setting would be ignored without this one, which decides at run time.
	 */
	@Bean
	UndertowDeploymentInfoCustomizer virtualThreadsCustomizer(Environment environment) {
		boolean virtual = Threading.VIRTUAL.isActive(environment);
		return (deployment) -> {
			if (virtual) {
				deployment.setExecutor(new VirtualThreadTaskExecutor("undertow-"));
			}
		};
	}

}
