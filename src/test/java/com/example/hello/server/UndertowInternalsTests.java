package com.example.hello.server;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The buffer pool, used the way a request on a thread of its own (a virtual thread) uses
 * it: allocate, free, and the thread ends.
 */
class UndertowInternalsTests {

	@Test
	void onVirtualThreadsTheBufferOneRequestFreedServesTheNext() throws Exception {
		ByteBufferPool pool = UndertowInternals.bufferPool(1024, false, true);
		ByteBuffer freed = usedOnAThreadOfItsOwn(pool);
		assertThat(usedOnAThreadOfItsOwn(pool)).isSameAs(freed);
	}

	/**
	 * Why: on request threads, a buffer stays in the cache of the thread that freed it.
	 */
	@Test
	void onRequestThreadsTheBufferStaysWithTheThreadThatFreedIt() throws Exception {
		ByteBufferPool pool = UndertowInternals.bufferPool(1024, false, false);
		ByteBuffer freed = usedOnAThreadOfItsOwn(pool);
		assertThat(usedOnAThreadOfItsOwn(pool)).isNotSameAs(freed);
	}

	private static ByteBuffer usedOnAThreadOfItsOwn(ByteBufferPool pool) throws InterruptedException {
		AtomicReference<ByteBuffer> used = new AtomicReference<>();
		Thread thread = new Thread(() -> {
			try (PooledByteBuffer pooled = pool.allocate()) {
				used.set(pooled.getBuffer());
			}
		});
		thread.start();
		thread.join(TimeUnit.SECONDS.toMillis(10));
		assertThat(thread.isAlive()).isFalse();
		return used.get();
	}

}
