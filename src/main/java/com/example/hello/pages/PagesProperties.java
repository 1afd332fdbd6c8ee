package com.example.hello.pages;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the pages feature: the {@code INDEX_TEMPLATE} of the Flask write-up.
 *
 * @param index the page that {@code GET /} renders, a template under
 * {@code templates/pages/}
 */
@ConfigurationProperties("hello.pages")
@Validated
public record PagesProperties(@DefaultValue("index") @NotNull @Pattern(regexp = PageCatalog.PAGE_NAME,
		message = "must be a page name such as 'index': lowercase letters, digits and '-'") String index) {

}
