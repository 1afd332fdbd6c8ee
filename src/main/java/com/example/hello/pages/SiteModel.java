package com.example.hello.pages;

import org.thymeleaf.spring6.view.ThymeleafViewResolver;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

/**
 * What every page's layout shows: the active profiles, so a developer sees which "factory
 * product" is serving them, except in {@code prod}, where a visitor has no use for it,
 * and the URL of the site's stylesheet, with its content hash when the resource chain
 * adds one. Pages and error pages get them alike, as variables of every Thymeleaf view.
 * <p>
 * They are the view resolver's static variables, not model attributes of a controller
 * advice: for an advice's {@code @ModelAttribute} methods Spring MVC builds invocable
 * handler methods and calls them through reflection on every request, a visible share of
 * a page's CPU time (docs/performance.md#a-leaner-request-path).
 */
@Component
class SiteModel {

	static final String STYLESHEET = "/pages/site.css";

	SiteModel(ThymeleafViewResolver views, Environment environment, ResourceUrlProvider resourceUrls) {
		String[] active = environment.getActiveProfiles();
		if (!environment.matchesProfiles("prod")) {
			views.addStaticVariable("profile", (active.length > 0) ? String.join(",", active) : "default");
		}
		// as the resource chain itself: with its cache off (dev), the file may change
		boolean cache = environment.getProperty("spring.web.resources.chain.cache", Boolean.class, true);
		views.addStaticVariable("stylesheet", new StylesheetUrl(resourceUrls, cache));
	}

	/**
	 * The stylesheet's URL, as its {@code toString()}, which the layout's link expression
	 * calls. Looked up on first use, since the resource handlers are known only once the
	 * context is refreshed, and then kept: the content, and so the hashed name, cannot
	 * change in a packaged application. Rewriting every link of every response instead
	 * (Spring's {@code ResourceUrlEncodingFilter}) would cost each request,
	 * {@code /hello} included, a response wrapper and a path match per link.
	 */
	static final class StylesheetUrl {

		private final ResourceUrlProvider resourceUrls;

		private final boolean cache;

		private volatile String url;

		StylesheetUrl(ResourceUrlProvider resourceUrls, boolean cache) {
			this.resourceUrls = resourceUrls;
			this.cache = cache;
		}

		@Override
		public String toString() {
			String url = this.url;
			if (url == null) {
				url = this.resourceUrls.getForLookupPath(STYLESHEET);
				url = (url != null) ? url : STYLESHEET;
				if (this.cache) {
					this.url = url;
				}
			}
			return url;
		}

	}

}
