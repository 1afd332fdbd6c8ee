package com.example.hello.pages;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the pages feature.
 *
 * @param index Page that GET / renders: the name of a template under templates/pages/.
 */
@ConfigurationProperties("hello.pages")
@Validated
public record PagesProperties(@DefaultValue("index") @NotNull @Pattern(regexp = PageCatalog.PAGE_NAME,
		message = "must be a page name such as 'index': lowercase letters, digits and '-'") String index) {

}
