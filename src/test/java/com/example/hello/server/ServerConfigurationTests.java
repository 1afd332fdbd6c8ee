package com.example.hello.server;

import io.undertow.servlet.api.DeploymentInfo;
import org.junit.jupiter.api.Test;

import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ServerConfigurationTests {

	@Test
	void runsRequestsOnVirtualThreadsWhenAskedAndTheJdkHasThem() {
		DeploymentInfo deployment = customize(
				new MockEnvironment().withProperty("spring.threads.virtual.enabled", "true"));
		if (Runtime.version().feature() >= 21) {
			assertThat(deployment.getExecutor()).isInstanceOf(VirtualThreadTaskExecutor.class);
		}
		else {
			assertThat(deployment.getExecutor()).isNull();
		}
	}

	@Test
	void leavesRequestsOnUndertowsWorkerThreadsByDefault() {
		assertThat(customize(new MockEnvironment()).getExecutor()).isNull();
	}

	private static DeploymentInfo customize(MockEnvironment environment) {
		DeploymentInfo deployment = new DeploymentInfo();
		new ServerConfiguration().virtualThreadsCustomizer(environment).customize(deployment);
		return deployment;
	}

}
