package com.example.hello.system;

import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Adds what every page's layout shows to the model: the active profiles, so a person sees
 * which "factory product" is serving them. It applies to the controllers that render the
 * layout, pages and error pages, and stays off the path of {@code /hello}.
 */
@ControllerAdvice(basePackages = "com.example.hello.pages", assignableTypes = ErrorController.class)
class SiteModelAdvice {

	private final String profile;

	SiteModelAdvice(Environment environment) {
		String[] active = environment.getActiveProfiles();
		this.profile = (active.length > 0) ? String.join(",", active) : "default";
	}

	@ModelAttribute("profile")
	String profile() {
		return this.profile;
	}

}
