package com.example.hello.pages;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link UnknownIndexPageException} into one line that names the property and
 * the fix.
 */
class UnknownIndexPageFailureAnalyzer extends AbstractFailureAnalyzer<UnknownIndexPageException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnknownIndexPageException cause) {
		String description = "hello.pages.index='" + cause.index() + "' names no page: there is no template pages/"
				+ cause.index() + ".html";
		String action = "Set hello.pages.index (or HELLO_PAGES_INDEX) to one of " + cause.pages()
				+ ", or add the template templates/pages/" + cause.index() + ".html";
		return new FailureAnalysis(description, action, cause);
	}

}
