package com.example.hello.web;

import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.linkbuilder.StandardLinkBuilder;

/**
 * Thymeleaf's link builder without the servlet's URL rewriting. For every {@code @{...}}
 * link the standard builder asks the response to encode the URL, and Undertow answers by
 * building the absolute URL and looking for a session, only to return the link as it was:
 * hello tracks sessions by cookie alone ({@code server.servlet.session.tracking-modes})
 * and keeps none, so a link never carries a session id.
 */
final class SessionlessLinkBuilder extends StandardLinkBuilder {

	@Override
	protected String processLink(IExpressionContext context, String link) {
		return link;
	}

}
