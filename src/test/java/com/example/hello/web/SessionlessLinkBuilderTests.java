package com.example.hello.web;

import jakarta.servlet.http.HttpServletResponseWrapper;
import org.junit.jupiter.api.Test;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.linkbuilder.ILinkBuilder;
import org.thymeleaf.linkbuilder.StandardLinkBuilder;
import org.thymeleaf.templateresolver.StringTemplateResolver;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;

import static org.assertj.core.api.Assertions.assertThat;

class SessionlessLinkBuilderTests {

	private static final String TEMPLATE = "<a th:href=\"@{/about}\">About</a>";

	@Test
	void buildsLinksWithoutAskingTheResponseToRewriteThem() {
		assertThat(render(new SessionlessLinkBuilder())).isEqualTo("<a href=\"/app/about\">About</a>");
	}

	@Test
	void theStandardBuilderWouldHaveTheResponseRewriteEachLink() {
		assertThat(render(new StandardLinkBuilder())).isEqualTo("<a href=\"/app/about;jsessionid=1\">About</a>");
	}

	private static String render(ILinkBuilder links) {
		SpringTemplateEngine engine = new SpringTemplateEngine();
		engine.setTemplateResolver(new StringTemplateResolver());
		engine.setLinkBuilder(links);
		MockServletContext servletContext = new MockServletContext();
		MockHttpServletRequest request = new MockHttpServletRequest(servletContext, "GET", "/app/index");
		request.setContextPath("/app");
		HttpServletResponseWrapper response = new HttpServletResponseWrapper(new MockHttpServletResponse()) {

			@Override
			public String encodeURL(String url) {
				return url + ";jsessionid=1";
			}

		};
		WebContext context = new WebContext(
				JakartaServletWebApplication.buildApplication(servletContext).buildExchange(request, response));
		return engine.process(TEMPLATE, context);
	}

}
