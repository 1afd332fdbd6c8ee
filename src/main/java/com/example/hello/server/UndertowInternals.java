package com.example.hello.server;

import java.lang.reflect.Field;
import java.util.List;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import org.xnio.OptionMap;

import org.springframework.util.ReflectionUtils;

/**
 * The three things hello needs from Undertow that it does not expose: dropping the
 * listener Spring Boot adds for {@code server.port}, and, once started, the root handler
 * and server options it serves TCP with, so that Unix sockets are served the same way.
 * Spring Boot reads Undertow's fields the same way to report its ports.
 */
final class UndertowInternals {

	private UndertowInternals() {
	}

	/** Removes every listener from a builder, before the ones of {@code server.bind}. */
	static void clearListeners(Undertow.Builder builder) {
		((List<?>) read(Undertow.Builder.class, "listeners", builder)).clear();
	}

	static HttpHandler rootHandler(Undertow undertow) {
		return (HttpHandler) read(Undertow.class, "rootHandler", undertow);
	}

	static OptionMap serverOptions(Undertow undertow) {
		return (OptionMap) read(Undertow.class, "serverOptions", undertow);
	}

	private static Object read(Class<?> type, String name, Object target) {
		Field field = ReflectionUtils.findField(type, name);
		if (field == null) {
			throw new IllegalStateException("This version of Undertow has no field " + type.getSimpleName() + "." + name
					+ "; hello's server.bind support must be updated for it");
		}
		ReflectionUtils.makeAccessible(field);
		return ReflectionUtils.getField(field, target);
	}

}
