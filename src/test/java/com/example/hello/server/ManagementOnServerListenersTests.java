package com.example.hello.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.env.MockEnvironment;

import com.example.hello.settings.InvalidSettingException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class ManagementOnServerListenersTests {

	@Test
	void startsWithoutAManagementServer() {
		MockEnvironment environment = new MockEnvironment().withProperty("management.endpoints.web.exposure.include",
				"health");
		assertThatNoException().isThrownBy(() -> new ManagementOnServerListeners(environment));
	}

	@ParameterizedTest
	@ValueSource(strings = { "management.server.port", "management.server.address" })
	void refusesAManagementServerOfItsOwn(String property) {
		MockEnvironment environment = new MockEnvironment().withProperty(property, "18098");
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> new ManagementOnServerListeners(environment))
			.satisfies((ex) -> {
				assertThat(ex.property()).isEqualTo(property);
				assertThat(ex.getMessage())
					.startsWith("Invalid " + property + "='18098': hello serves the actuator on the listeners of "
							+ "server.bind")
					.contains("; remove it");
			});
	}

}
