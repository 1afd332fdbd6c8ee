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
	 * How many free buffers the pool keeps for virtual threads: more than the requests a
	 * small server has in flight, at most 8 MiB of 16 KiB buffers.
	 */
	static final int VIRTUAL_THREADS_POOL = 512;

	/**
	 * The buffer pool Undertow would make for itself (same sizes by heap, same
	 * {@code server.undertow.buffer-size} and {@code direct-buffers}), made here so that
	 * the Unix socket listeners can share it: Undertow does not expose its own. The sizes
	 * are {@code Undertow.Builder}'s.
	 * <p>
	 * On virtual threads the pool keeps no buffers per thread. Each request has a thread
	 * of its own, so a per-thread cache never hits, and the buffers a request frees stay
	 * in the cache of its ended thread: every response allocated new direct buffers, and
	 * at a small heap (the direct memory limit by default) request threads queued in
	 * {@code Bits.reserveMemory} waiting for the collector to free them, and throughput
	 * collapsed (docs/performance.md#virtual-threads). Undertow's own pool has no shared
	 * part ({@code maximumPoolSize} -1): this one has.
	 */
	static ByteBufferPool bufferPool(Integer bufferSize, Boolean directBuffers, boolean virtualThreads) {
		long maxMemory = Runtime.getRuntime().maxMemory();
		int defaultSize = (maxMemory < 64 * 1024 * 1024) ? 512
				: (maxMemory < 128 * 1024 * 1024) ? 1024 : 16 * 1024 - 20;
		boolean direct = (directBuffers != null) ? directBuffers : maxMemory >= 64 * 1024 * 1024;
		int size = (bufferSize != null) ? bufferSize : defaultSize;
		if (virtualThreads) {
			// one pool for all threads, of up to VIRTUAL_THREADS_POOL buffers; a buffer
			// freed beyond it is released at once (a direct one without waiting for the
			// GC)
			return new DefaultByteBufferPool(direct, size, VIRTUAL_THREADS_POOL, 0);
		}
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
