package com.example.hello.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UndertowMetricsTests {

	@Test
	void namesTcpListenersAsServerBindAndTheAccessLogDo() {
		assertThat(UndertowMetrics.listenerName("/127.0.0.1:8080")).isEqualTo("127.0.0.1:8080");
		assertThat(UndertowMetrics.listenerName("localhost/127.0.0.1:8080")).isEqualTo("127.0.0.1:8080");
		assertThat(UndertowMetrics.listenerName("/0:0:0:0:0:0:0:1:8080")).isEqualTo("[0:0:0:0:0:0:0:1]:8080");
	}

}
