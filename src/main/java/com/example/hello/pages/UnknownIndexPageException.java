package com.example.hello.pages;

import java.util.Set;

/**
 * Thrown at start-up when {@code hello.pages.index} names a page that has no template.
 */
class UnknownIndexPageException extends IllegalStateException {

	private final String index;

	private final Set<String> pages;

	UnknownIndexPageException(String index, Set<String> pages) {
		super("hello.pages.index is '" + index + "' but there is no page of that name; pages: " + pages);
		this.index = index;
		this.pages = pages;
	}

	String index() {
		return this.index;
	}

	Set<String> pages() {
		return this.pages;
	}

}
