package com.example.hello.pages;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@WebMvcTest(PageController.class)
@Import({ PageCatalog.class, SiteModel.class })
@EnableConfigurationProperties(PagesProperties.class)
@TestPropertySource(properties = "hello.pages.index=about")
class PageControllerTests {

	@Autowired
	private MockMvc mvc;

	@Test
	void rootRendersTheConfiguredIndexPage() throws Exception {
		this.mvc.perform(get("/"))
			.andExpect(status().isOk())
			.andExpect(view().name("pages/about"))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("<main id=\"about\">")));
	}

	@Test
	void rendersAPageThatExists() throws Exception {
		this.mvc.perform(get("/index")).andExpect(status().isOk()).andExpect(view().name("pages/index"));
	}

	@Test
	void showsTheActiveProfileMarker() throws Exception {
		this.mvc.perform(get("/index"))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("data-profile=\"default\"")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("profile: <b>default</b>")))
			.andExpect(content()
				.string(org.hamcrest.Matchers.containsString("<link rel=\"stylesheet\" href=\"/pages/site-")));
	}

	@Test
	void answersNotFoundForAPageWithoutTemplate() throws Exception {
		this.mvc.perform(get("/no-such-page")).andExpect(status().isNotFound());
	}

	@Test
	void neverTurnsAPathIntoAViewOutsideThePages() throws Exception {
		this.mvc.perform(get("/layout")).andExpect(status().isNotFound());
		this.mvc.perform(get("/..%2Ferror%2F5xx")).andExpect(status().isNotFound());
	}

}
