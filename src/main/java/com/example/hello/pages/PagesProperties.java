package com.example.hello.pages;

import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import com.example.hello.settings.InvalidSettingException;

/**
 * Settings of the pages feature.
 *
 * @param index Page that GET / renders: the name of a template under templates/pages/.
 */
@ConfigurationProperties("hello.pages")
public record PagesProperties(@DefaultValue("index") String index) {

	private static final Pattern PAGE_NAME = Pattern.compile(PageCatalog.PAGE_NAME);

	public PagesProperties {
		if (index == null || !PAGE_NAME.matcher(index).matches()) {
			throw new InvalidSettingException("hello.pages.index", (index != null) ? index : "",
					"must be a page name such as 'index'",
					"use lowercase letters, digits and '-', as in the name of a template under templates/pages/");
		}
	}

}
