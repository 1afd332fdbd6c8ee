package com.example.hello.accesslog;

import io.undertow.servlet.api.DeploymentInfo;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.env.MockEnvironment;

import com.example.hello.accesslog.AccessLogProperties.Format;

import static org.assertj.core.api.Assertions.assertThat;

class AccessLogConfigurationTests {

	private final MockEnvironment environment = new MockEnvironment();

	@Test
	void isTextByDefault() {
		assertThat(AccessLogConfiguration.json(properties(null), this.environment)).isFalse();
	}

	@Test
	void followsAStructuredApplicationLogWhenItsFormatIsUnset() {
		this.environment.setProperty("logging.structured.format.console", "ecs");
		assertThat(AccessLogConfiguration.json(properties(null), this.environment)).isTrue();
	}

	@Test
	void keepsTheFormatItIsGiven() {
		this.environment.setProperty("logging.structured.format.console", "ecs");
		assertThat(AccessLogConfiguration.json(properties(Format.TEXT), this.environment)).isFalse();
		assertThat(AccessLogConfiguration.json(properties(Format.JSON), new MockEnvironment())).isTrue();
	}

	@Test
	void addsNothingAndStartsNoWriterWhenOff() {
		DeploymentInfo deployment = new DeploymentInfo();
		// no writer bean here: asking for one would fail
		new AccessLogConfiguration()
			.accessLogCustomizer(new StaticListableBeanFactory().getBeanProvider(AccessLogWriter.class),
					new AccessLogProperties(false, null, null, "%a", 10), this.environment)
			.customize(deployment);
		assertThat(deployment.getInitialHandlerChainWrappers()).isEmpty();
	}

	private static AccessLogProperties properties(Format format) {
		return new AccessLogProperties(true, null, format, "%a", 10);
	}

}
