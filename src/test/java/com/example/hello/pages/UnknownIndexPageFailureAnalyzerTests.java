package com.example.hello.pages;

import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

class UnknownIndexPageFailureAnalyzerTests {

	@Test
	void namesThePropertyAndTheFixInOneLine() {
		FailureAnalysis analysis = new UnknownIndexPageFailureAnalyzer()
			.analyze(new IllegalStateException(new UnknownIndexPageException("nope", Set.of("about", "index"))));
		assertThat(analysis.getDescription())
			.isEqualTo("hello.pages.index='nope' names no page: there is no template pages/nope.html");
		assertThat(analysis.getDescription()).doesNotContain("\n");
		assertThat(analysis.getAction()).contains("hello.pages.index", "about", "index").doesNotContain("\n");
	}

}
