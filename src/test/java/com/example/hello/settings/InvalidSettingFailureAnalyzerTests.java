package com.example.hello.settings;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class InvalidSettingFailureAnalyzerTests {

	@Test
	void reportsTheSettingTheFixAndWhereItWasSetInOneLine() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("deployer", Map.of("hello.pages.index", "nope")));
		InvalidSettingException failure = new InvalidSettingException("hello.pages.index", "nope",
				"there is no template pages/nope.html", "set it to one of [about, index]");
		FailureAnalysis analysis = new InvalidSettingFailureAnalyzer(environment)
			.analyze(new BeanCreationException("pageCatalog", "failed", failure));
		assertThat(analysis.getDescription()).isEqualTo("Invalid hello.pages.index='nope': there is no template "
				+ "pages/nope.html; set it to one of [about, index] (set by \"hello.pages.index\" from property source \"deployer\")");
		assertThat(analysis.getAction()).startsWith("Change hello.pages.index where it is set").doesNotContain("\n");
	}

	@Test
	void leavesOtherFailuresToSpringBoot() {
		assertThat(new InvalidSettingFailureAnalyzer(new StandardEnvironment())
			.analyze(new IllegalStateException("not a setting"))).isNull();
	}

}
