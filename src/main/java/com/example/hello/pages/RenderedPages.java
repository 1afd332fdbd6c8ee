package com.example.hello.pages;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

import org.springframework.boot.autoconfigure.thymeleaf.ThymeleafProperties;
import org.springframework.core.Ordered;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.ViewResolver;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The pages, each rendered by its template once and then written as those bytes: a page's
 * output depends on nothing in the request (no model, the one locale of
 * {@code web.WebConfiguration}, the view resolver's static variables, links without a
 * session), and rendering it again on every request was most of what a page costs beyond
 * {@code /hello} (docs/performance.md#pages-rendered-once). Only while templates are
 * cached ({@code spring.thymeleaf.cache}, off in {@code dev}, where an edited template
 * shows on reload); otherwise, and for every other view (the error pages), it resolves
 * nothing and Thymeleaf renders as usual.
 */
@Component
class RenderedPages implements ViewResolver, Ordered {

	private final ThymeleafViewResolver templates;

	/**
	 * The catalog's page views: a request can select no other, so the cache is bounded.
	 */
	private final Set<String> views;

	private final Map<String, RenderedPage> rendered = new ConcurrentHashMap<>();

	RenderedPages(ThymeleafViewResolver templates, ThymeleafProperties thymeleaf, PageCatalog pages) {
		this.templates = templates;
		this.views = thymeleaf.isCache()
				? pages.names().stream().map((name) -> pages.view(name).orElseThrow()).collect(Collectors.toSet())
				: Set.of();
	}

	@Override
	@Nullable
	public View resolveViewName(String viewName, Locale locale) throws Exception {
		if (!this.views.contains(viewName)) {
			return null;
		}
		RenderedPage page = this.rendered.get(viewName);
		if (page == null) {
			View template = this.templates.resolveViewName(viewName, locale);
			if (template == null) {
				return null;
			}
			page = this.rendered.computeIfAbsent(viewName, (name) -> new RenderedPage(template));
		}
		return page;
	}

	/** Before Thymeleaf's own resolver, which would resolve the same names. */
	@Override
	public int getOrder() {
		return this.templates.getOrder() - 1;
	}

	/**
	 * One page: rendered by its template on first use, into a buffer, then the same bytes
	 * with the same content type on every request. Two requests that arrive before the
	 * first render ends both render; either result is kept.
	 */
	static final class RenderedPage implements View {

		private final View template;

		private volatile Output output;

		RenderedPage(View template) {
			this.template = template;
		}

		@Override
		@Nullable
		public String getContentType() {
			return this.template.getContentType();
		}

		@Override
		public void render(@Nullable Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
				throws Exception {
			Output output = this.output;
			if (output == null) {
				ContentCachingResponseWrapper buffer = new ContentCachingResponseWrapper(response);
				this.template.render(model, request, buffer);
				output = new Output(buffer.getContentType(), buffer.getContentAsByteArray());
				this.output = output;
			}
			output.writeTo(response);
		}

		private record Output(String contentType, byte[] body) {

			void writeTo(HttpServletResponse response) throws IOException {
				response.setContentType(this.contentType);
				response.setContentLength(this.body.length);
				response.getOutputStream().write(this.body);
			}

		}

	}

}
