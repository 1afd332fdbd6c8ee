package com.example.hello.accesslog;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AccessLogWriterTests {

	@Test
	void writesEveryLineFromManyThreadsInOrderBeforeCloseReturns() throws Exception {
		RecordingSink sink = new RecordingSink();
		AccessLogWriter writer = new AccessLogWriter(sink, 1_000_000);
		int threads = 4;
		int perThread = 20_000;
		ExecutorService requests = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				done.add(requests.submit(() -> {
					for (int i = 0; i < perThread; i++) {
						writer.logMessage(thread + " " + i);
					}
				}));
			}
			for (Future<?> future : done) {
				future.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			requests.shutdownNow();
		}
		writer.close();
		assertThat(sink.closed).isTrue();
		List<String> lines = sink.lines();
		assertThat(lines).hasSize(threads * perThread);
		int[] next = new int[threads];
		for (String line : lines) {
			String[] parts = line.split(" ");
			int thread = Integer.parseInt(parts[0]);
			assertThat(Integer.parseInt(parts[1])).isEqualTo(next[thread]++);
		}
	}

	@Test
	void dropsLinesBeyondItsCapacityInsteadOfMakingRequestsWait() throws Exception {
		CountDownLatch writing = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		RecordingSink sink = new RecordingSink() {

			@Override
			public void write(CharSequence lines) throws IOException {
				writing.countDown();
				try {
					release.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				super.write(lines);
			}

		};
		AccessLogWriter writer = new AccessLogWriter(sink, 10);
		writer.logMessage("first");
		assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
		long started = System.nanoTime();
		for (int i = 0; i < 15; i++) {
			writer.logMessage("queued " + i);
		}
		// the sink is stuck, yet no request waited for it
		assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(1_000);
		release.countDown();
		writer.close();
		assertThat(sink.lines()).hasSize(11).startsWith("first", "queued 0").endsWith("queued 9");
	}

	@Test
	void writesALineThatArrivesWhileTheWriterSleeps() throws Exception {
		RecordingSink sink = new RecordingSink();
		AccessLogWriter writer = new AccessLogWriter(sink, 100);
		writer.logMessage("one");
		// this test's own timing: long enough for the writer to run out of idle rounds
		// (100 x 1 ms) and park until a request wakes it
		Thread.sleep(500);
		writer.logMessage("two");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(sink.lines()).containsExactly("one", "two"));
		writer.close();
	}

	static class RecordingSink implements AccessLogWriter.Sink {

		private final StringBuffer written = new StringBuffer();

		volatile boolean closed;

		@Override
		public void write(CharSequence lines) throws IOException {
			this.written.append(lines);
		}

		@Override
		public void close() {
			this.closed = true;
		}

		List<String> lines() {
			String text = this.written.toString();
			return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
		}

	}

}
