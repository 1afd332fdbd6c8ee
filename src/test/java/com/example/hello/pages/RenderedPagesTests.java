package com.example.hello.pages;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.view.ContentNegotiatingViewResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(PageController.class)
@Import({ PageCatalog.class, SiteModel.class, RenderedPages.class })
@EnableConfigurationProperties(PagesProperties.class)
class RenderedPagesTests {

	@Autowired
	private RenderedPages pages;

	@Autowired
	private MockMvc mvc;

	/** What Spring MVC resolves view names with: every view resolver, in their order. */
	@Autowired
	private ContentNegotiatingViewResolver mvcViews;

	@Test
	void rendersAPageOnceThenWritesTheSameBytesAndContentType() throws Exception {
		AtomicInteger renders = new AtomicInteger();
		View template = new View() {

			@Override
			public String getContentType() {
				return "text/html;charset=UTF-8";
			}

			@Override
			public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
					throws IOException {
				response.setContentType(getContentType());
				response.getWriter().write("<p>render " + renders.incrementAndGet() + ": é</p>");
			}

		};
		RenderedPages.RenderedPage page = new RenderedPages.RenderedPage(template);
		for (int i = 0; i < 3; i++) {
			MockHttpServletResponse response = new MockHttpServletResponse();
			page.render(Map.of(), new MockHttpServletRequest("GET", "/about"), response);
			assertThat(response.getContentType()).isEqualTo("text/html;charset=UTF-8");
			assertThat(response.getContentAsString()).isEqualTo("<p>render 1: é</p>");
			assertThat(response.getContentLength()).isEqualTo("<p>render 1: é</p>".getBytes("UTF-8").length);
		}
		assertThat(renders).hasValue(1);
	}

	@Test
	void resolvesThePagesOnlyNotTheErrorPages() throws Exception {
		assertThat(this.pages.resolveViewName("pages/about", Locale.ENGLISH))
			.isInstanceOf(RenderedPages.RenderedPage.class)
			.isSameAs(this.pages.resolveViewName("pages/about", Locale.ENGLISH));
		assertThat(this.pages.resolveViewName("error/404", Locale.ENGLISH)).isNull();
		assertThat(this.pages.resolveViewName("pages/no-such-page", Locale.ENGLISH)).isNull();
	}

	@Test
	void isWhatSpringMvcRendersAPageWithNotThymeleafsOwnView() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/about");
		request.addHeader("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
		try {
			assertThat(this.mvcViews.resolveViewName("pages/about", Locale.ENGLISH))
				.isInstanceOf(RenderedPages.RenderedPage.class);
			assertThat(this.mvcViews.resolveViewName("error/404", Locale.ENGLISH)).isNotNull()
				.isNotInstanceOf(RenderedPages.RenderedPage.class);
		}
		finally {
			RequestContextHolder.resetRequestAttributes();
		}
	}

	@Test
	void answersEveryRequestForAPageAsTheTemplateRenderedIt() throws Exception {
		MvcResult first = this.mvc.perform(get("/about")).andExpect(status().isOk()).andReturn();
		MvcResult second = this.mvc.perform(get("/about")).andExpect(status().isOk()).andReturn();
		assertThat(first.getResponse().getContentAsString()).contains("<main id=\"about\">")
			.isEqualTo(second.getResponse().getContentAsString());
		for (MvcResult result : new MvcResult[] { first, second }) {
			MockHttpServletResponse response = result.getResponse();
			assertThat(response.getContentType()).isEqualTo("text/html;charset=UTF-8");
			assertThat(response.getContentLength()).isEqualTo(response.getContentAsByteArray().length);
			assertThat(response.getLocale()).isEqualTo(Locale.ENGLISH);
		}
	}

	@Nested
	@TestPropertySource(properties = "spring.thymeleaf.cache=false")
	class WhileTemplatesAreNotCached {

		@Autowired
		private RenderedPages pages;

		@Test
		void leavesEveryPageToThymeleafSoThatAnEditedTemplateShows() throws Exception {
			assertThat(this.pages.resolveViewName("pages/about", Locale.ENGLISH)).isNull();
		}

	}

}
