package com.example.hello.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.FlashMapManager;

/**
 * hello keeps no sessions, so it keeps no flash attributes either. Spring's default,
 * {@code SessionFlashMapManager}, asks for the session on every request, and Undertow, to
 * find the session cookie, parses every cookie of the request: past its limit of 200 that
 * threw, and any request with many cookies got a 500. With this manager nothing reads the
 * cookies, and a request's cookies are ignored however many there are.
 */
final class NoFlashMaps implements FlashMapManager {

	@Override
	public FlashMap retrieveAndUpdate(HttpServletRequest request, HttpServletResponse response) {
		return null;
	}

	@Override
	public void saveOutputFlashMap(FlashMap flashMap, HttpServletRequest request, HttpServletResponse response) {
	}

}
