package com.example.hello.system;

import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

/**
 * Adds what every page's layout shows to the model: the active profiles, so a person sees
 * which "factory product" is serving them, and the URL of the site's stylesheet, with its
 * content hash when the resource chain adds one. It applies to the controllers that
 * render the layout, pages and error pages, and stays off the path of {@code /hello}.
 */
@ControllerAdvice(basePackages = "com.example.hello.pages", assignableTypes = ErrorController.class)
class SiteModelAdvice {

	static final String STYLESHEET = "/pages/site.css";

	private final String profile;

	private final ResourceUrlProvider resourceUrls;

	private final boolean cacheStylesheetUrl;

	private volatile String stylesheet;

	SiteModelAdvice(Environment environment, ResourceUrlProvider resourceUrls) {
		String[] active = environment.getActiveProfiles();
		this.profile = (active.length > 0) ? String.join(",", active) : "default";
		this.resourceUrls = resourceUrls;
		// as the resource chain itself: with its cache off (dev), the file may change
		this.cacheStylesheetUrl = environment.getProperty("spring.web.resources.chain.cache", Boolean.class, true);
	}

	@ModelAttribute("profile")
	String profile() {
		return this.profile;
	}

	/**
	 * The stylesheet's URL, looked up once: its content, and so its hashed name, cannot
	 * change in a packaged application. Rewriting every link of every response instead
	 * (Spring's {@code ResourceUrlEncodingFilter}) would cost each request,
	 * {@code /hello} included, a response wrapper and a path match per link.
	 */
	@ModelAttribute("stylesheet")
	String stylesheet() {
		String url = this.stylesheet;
		if (url == null) {
			url = this.resourceUrls.getForLookupPath(STYLESHEET);
			url = (url != null) ? url : STYLESHEET;
			if (this.cacheStylesheetUrl) {
				this.stylesheet = url;
			}
		}
		return url;
	}

}
