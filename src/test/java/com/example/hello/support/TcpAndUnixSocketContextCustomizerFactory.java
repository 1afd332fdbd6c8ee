package com.example.hello.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Gives each context of a {@link TcpAndUnixSocket} test its own socket directory, as
 * {@code server.bind}, and a {@link Listeners} bean that removes the directory when the
 * context closes, after the server has stopped.
 */
class TcpAndUnixSocketContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return TestContextAnnotationUtils.hasAnnotation(testClass, TcpAndUnixSocket.class) ? new Customizer() : null;
	}

	private static final class Customizer implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			try {
				Listeners listeners = Listeners.create(context.getEnvironment());
				TestPropertyValues.of("server.bind=127.0.0.1:0,unix:" + listeners.socket()).applyTo(context);
				context.getBeanFactory().registerSingleton("testListeners", listeners);
				((DefaultSingletonBeanRegistry) context.getBeanFactory()).registerDisposableBean("testListeners",
						listeners);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Customizer;
		}

		@Override
		public int hashCode() {
			return Customizer.class.hashCode();
		}

	}

}
