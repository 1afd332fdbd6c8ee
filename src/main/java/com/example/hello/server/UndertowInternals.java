package com.example.hello.server;

import java.lang.reflect.Field;
import java.util.List;

import io.undertow.Undertow;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.OpenListener;
import org.xnio.OptionMap;
import org.xnio.channels.AcceptingChannel;

import org.springframework.util.ReflectionUtils;

/**
 * What hello needs from Undertow that it does not expose, in one place: dropping the
 * listener Spring Boot adds for {@code server.port}; once started, the root handler,
 * server options and socket options it serves TCP with, so that Unix sockets are served
 * the same way, and each TCP listener's channel and open listener, so that its
 * connections pass the same customizers; and the buffer pool it would make for itself,
 * copied from {@code Undertow.Builder}. Spring Boot reads Undertow's fields the same way
 * to report its ports. An Undertow upgrade must be checked against this class.
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

	/** The socket options set on the builder, such as the read and write timeouts. */
	static OptionMap socketOptions(Undertow undertow) {
		return (OptionMap) read(Undertow.class, "socketOptions", undertow);
	}

	/** The channel a started TCP listener accepts on. */
	static AcceptingChannel<?> acceptingChannel(Undertow.ListenerInfo listener) {
		return (AcceptingChannel<?>) read(Undertow.ListenerInfo.class, "channel", listener);
	}

	/** What a started TCP listener hands each accepted connection to. */
	static OpenListener openListener(Undertow.ListenerInfo listener) {
		return (OpenListener) read(Undertow.ListenerInfo.class, "openListener", listener);
	}

	/**
	 * The buffer pool Undertow would make for itself (same sizes by heap, same
	 * {@code server.undertow.buffer-size} and {@code direct-buffers}), made here so that
	 * the Unix socket listeners can share it: Undertow does not expose its own. The sizes
	 * are {@code Undertow.Builder}'s.
	 */
	static ByteBufferPool bufferPool(Integer bufferSize, Boolean directBuffers) {
		long maxMemory = Runtime.getRuntime().maxMemory();
		int defaultSize = (maxMemory < 64 * 1024 * 1024) ? 512
				: (maxMemory < 128 * 1024 * 1024) ? 1024 : 16 * 1024 - 20;
		boolean direct = (directBuffers != null) ? directBuffers : maxMemory >= 64 * 1024 * 1024;
		int size = (bufferSize != null) ? bufferSize : defaultSize;
		return new DefaultByteBufferPool(direct, size, -1, 4);
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
