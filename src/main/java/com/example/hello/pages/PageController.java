package com.example.hello.pages;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /} renders the configured index page and {@code /{page}} renders that page, or
 * the 404 page when there is none.
 */
@Controller
class PageController {

	private final PageCatalog pages;

	PageController(PageCatalog pages) {
		this.pages = pages;
	}

	@GetMapping("/")
	String index() {
		return this.pages.indexView();
	}

	@GetMapping("/{page:" + PageCatalog.PAGE_NAME + "}")
	String show(@PathVariable String page) {
		return this.pages.view(page).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

}
