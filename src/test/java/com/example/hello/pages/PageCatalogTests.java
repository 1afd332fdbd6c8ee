package com.example.hello.pages;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.thymeleaf.ThymeleafProperties;
import org.springframework.core.io.DefaultResourceLoader;

import com.example.hello.settings.InvalidSettingException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PageCatalogTests {

	private final DefaultResourceLoader resources = new DefaultResourceLoader();

	@Test
	void findsTheShippedPagesFromTheirTemplates() {
		PageCatalog catalog = new PageCatalog(this.resources, new ThymeleafProperties(), new PagesProperties("index"));
		assertThat(catalog.names()).contains("index", "about", "start").doesNotContain("layout", "404");
	}

	@Test
	void resolvesTheIndexPageToItsView() {
		PageCatalog catalog = new PageCatalog(this.resources, new ThymeleafProperties(), new PagesProperties("about"));
		assertThat(catalog.indexView()).isEqualTo("pages/about");
	}

	@Test
	void knowsOnlyPagesThatHaveATemplate() {
		PageCatalog catalog = new PageCatalog(this.resources, new ThymeleafProperties(), new PagesProperties("index"));
		assertThat(catalog.view("about")).contains("pages/about");
		assertThat(catalog.view("missing")).isEmpty();
		assertThat(catalog.view("../error/5xx")).isEmpty();
	}

	@Test
	void refusesAnIndexPageThatDoesNotExist() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> new PageCatalog(this.resources, new ThymeleafProperties(), new PagesProperties("nope")))
			.satisfies((ex) -> assertThat(ex.property()).isEqualTo("hello.pages.index"))
			.satisfies((ex) -> assertThat(ex.value()).isEqualTo("nope"))
			.satisfies((ex) -> assertThat(ex.fix()).contains("index", "about"));
	}

	@Test
	void findsNoPagesUnderAnotherTemplateFolder() {
		ThymeleafProperties elsewhere = new ThymeleafProperties();
		elsewhere.setPrefix("classpath:/no-such-folder/");
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> new PageCatalog(this.resources, elsewhere, new PagesProperties("index")))
			.satisfies((ex) -> assertThat(ex.fix()).contains("one of []"));
	}

}
