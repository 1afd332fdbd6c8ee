package com.example.hello.pages;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.thymeleaf.ThymeleafProperties;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternUtils;
import org.springframework.stereotype.Component;

import com.example.hello.settings.InvalidSettingException;

/**
 * The pages that exist, found once at start-up from the templates under
 * {@code templates/pages/}. A request can only ever select one of these names: no part of
 * a request becomes part of a view name.
 */
@Component
class PageCatalog {

	static final String PAGE_NAME = "[a-z0-9][a-z0-9-]*";

	private static final String FOLDER = "pages/";

	private static final Log logger = LogFactory.getLog(PageCatalog.class);

	private final Set<String> names;

	private final String indexView;

	PageCatalog(ResourceLoader resourceLoader, ThymeleafProperties thymeleaf, PagesProperties properties) {
		this.names = Collections.unmodifiableSet(scan(resourceLoader, thymeleaf.getPrefix(), thymeleaf.getSuffix()));
		this.indexView = view(properties.index()).orElseThrow(() -> new InvalidSettingException("hello.pages.index",
				properties.index(), "there is no template pages/" + properties.index() + ".html",
				"set it to one of " + this.names + ", or add the template"));
		logger.info("Pages: " + this.names + ", index page: " + properties.index());
	}

	/** The view name of the page called {@code name}, if there is such a page. */
	Optional<String> view(String name) {
		return this.names.contains(name) ? Optional.of(FOLDER + name) : Optional.empty();
	}

	String indexView() {
		return this.indexView;
	}

	Set<String> names() {
		return this.names;
	}

	private static Set<String> scan(ResourceLoader resourceLoader, String prefix, String suffix) {
		ResourcePatternResolver resolver = ResourcePatternUtils.getResourcePatternResolver(resourceLoader);
		Set<String> names = new TreeSet<>();
		try {
			for (Resource template : resolver.getResources(prefix + FOLDER + "*" + suffix)) {
				String filename = template.getFilename();
				String name = filename.substring(0, filename.length() - suffix.length());
				if (name.matches(PAGE_NAME)) {
					names.add(name);
				}
				else {
					logger.warn("Ignoring template " + filename + ": a page name is lowercase letters, digits and '-'");
				}
			}
		}
		catch (FileNotFoundException ex) {
			// no pages folder at all: no pages
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list the page templates under " + prefix + FOLDER, ex);
		}
		return names;
	}

}
