package com.example.hello.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.example.hello.support.HttpTestClient;
import com.example.hello.support.HttpTestClient.Connection;
import com.example.hello.support.HttpTestClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /hello and /about in turn, on keep-alive connections, counting every outcome.
 */
final class Load {

	private final HttpTestClient client;

	private final int connections;

	private final ExecutorService threads;

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final AtomicLong requests = new AtomicLong();

	private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();

	private volatile String firstFailure;

	private final List<Future<?>> workers = new ArrayList<>();

	private final AtomicLong longestNanos = new AtomicLong();

	/** Every request's time, for percentiles. */
	private final Queue<Long> nanos = new ConcurrentLinkedQueue<>();

	/** When the longest request was sent, from the start of the load. */
	private volatile long longestAtNanos;

	/** Requests that took more than {@link #SLOW}. */
	private final AtomicLong slow = new AtomicLong();

	private static final Duration SLOW = Duration.ofMillis(500);

	private volatile long startedNanos;

	/** The longest request sent in each second of the load, in ms. */
	private final Map<Long, AtomicLong> worstBySecond = new ConcurrentHashMap<>();

	Load(HttpTestClient client, int connections) {
		this.client = client;
		this.connections = connections;
		this.threads = Executors.newFixedThreadPool(connections);
	}

	/** The highest 1-minute load average of the machine seen during the load. */
	private volatile double busiestLoadAverage;

	void start() {
		this.startedNanos = System.nanoTime();
		Thread sampler = new Thread(() -> {
			while (this.running.get()) {
				this.busiestLoadAverage = Math.max(this.busiestLoadAverage, loadAverage());
				try {
					Thread.sleep(1_000);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}, "load-average");
		sampler.setDaemon(true);
		sampler.start();
		for (int i = 0; i < this.connections; i++) {
			this.workers.add(this.threads.submit(this::run));
		}
	}

	private void run() {
		Connection connection = null;
		int n = 0;
		while (this.running.get()) {
			String path = (n++ % 2 == 0) ? "/hello" : "/about";
			try {
				if (connection == null) {
					connection = this.client.open();
				}
				long start = System.nanoTime();
				Response response = connection.send(HttpTestClient.request("GET", path)).read();
				long took = System.nanoTime() - start;
				if (took > this.longestNanos.getAndAccumulate(took, Math::max)) {
					this.longestAtNanos = start - this.startedNanos;
				}
				if (took > SLOW.toNanos()) {
					this.slow.incrementAndGet();
				}
				this.worstBySecond
					.computeIfAbsent((start - this.startedNanos) / 1_000_000_000L, (second) -> new AtomicLong())
					.accumulateAndGet(took / 1_000_000, Math::max);
				this.nanos.add(took);
				this.requests.incrementAndGet();
				if (response.status() != 200) {
					fail(path + " answered " + response.status(), response);
				}
				if ("close".equalsIgnoreCase(response.header("Connection"))) {
					connection.close();
					connection = null;
				}
			}
			catch (RuntimeException ex) {
				this.requests.incrementAndGet();
				fail(path + " failed: " + ex, null);
				if (connection != null) {
					connection.close();
					connection = null;
				}
			}
		}
		if (connection != null) {
			connection.close();
		}
	}

	private void fail(String what, Response response) {
		if (this.firstFailure == null) {
			// whose answer it was (nginx's or the service's) shows in its headers and
			// body
			this.firstFailure = (response != null) ? what + " " + response.headers() + " " + abbreviate(response.body())
					: what;
		}
		this.failures.computeIfAbsent(what.replaceAll("[0-9]", "#"), (key) -> new AtomicLong()).incrementAndGet();
	}

	private static String abbreviate(String body) {
		String oneLine = body.replaceAll("\\s+", " ").strip();
		return (oneLine.length() > 300) ? oneLine.substring(0, 300) + "..." : oneLine;
	}

	/** Runs for {@code duration} (none if negative), then stops. */
	void stop(Duration duration) throws Exception {
		Thread.sleep(Math.max(0, duration.toMillis()));
		stop();
	}

	void stop() throws Exception {
		this.running.set(false);
		for (Future<?> worker : this.workers) {
			worker.get(30, TimeUnit.SECONDS);
		}
		this.threads.shutdown();
	}

	long requests() {
		return this.requests.get();
	}

	long failures() {
		return this.failures.values().stream().mapToLong(AtomicLong::get).sum();
	}

	/** The longest time a request took, from sending it to its whole response. */
	Duration longest() {
		return Duration.ofNanos(this.longestNanos.get());
	}

	/**
	 * The time that {@code percent} of the answered requests took at most, such as 99 for
	 * the 99th percentile.
	 */
	Duration percentile(double percent) {
		long[] sorted = this.nanos.stream().mapToLong(Long::longValue).sorted().toArray();
		if (sorted.length == 0) {
			return Duration.ZERO;
		}
		int index = (int) Math.ceil(percent / 100 * sorted.length) - 1;
		return Duration.ofNanos(sorted[Math.max(0, Math.min(index, sorted.length - 1))]);
	}

	/**
	 * Each second of the load (from its start) whose worst request took more than
	 * {@code limit}.
	 */
	String slowSeconds(Duration limit) {
		StringBuilder seconds = new StringBuilder();
		new TreeMap<>(this.worstBySecond).forEach((second, worst) -> {
			if (worst.get() > limit.toMillis()) {
				seconds.append(" ").append(second).append("s:").append(worst.get()).append("ms");
			}
		});
		return seconds.toString().strip();
	}

	/** Seconds since the load started, for timelines. */
	long secondsSinceStart() {
		return (System.nanoTime() - this.startedNanos) / 1_000_000_000L;
	}

	/** The machine's 1-minute load average, or 0 where there is none to read. */
	static double loadAverage() {
		try {
			return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/** The highest 1-minute load average seen while the load ran. */
	double busiestLoadAverage() {
		return this.busiestLoadAverage;
	}

	/**
	 * Asserts that no request took {@code limit} or longer, where the machine had no more
	 * work than the test's own ({@code expectedLoad} runnable tasks per core, on
	 * average). On a machine shared with more (other builds), a latency bound says
	 * nothing about the service: it is printed, not asserted; failures are asserted
	 * anyway.
	 */
	void assertLongestUnder(Duration limit, double expectedLoadPerCore) {
		double allowed = expectedLoadPerCore * Runtime.getRuntime().availableProcessors();
		if (this.busiestLoadAverage > allowed) {
			System.out.println("NOT ASSERTED: the longest request (" + longest().toMillis() + " ms) under "
					+ limit.toMillis() + " ms: the machine's load average reached " + this.busiestLoadAverage
					+ ", more than the " + allowed + " the test itself makes");
			return;
		}
		assertThat(longest()).as("the longest request (the machine's load average at most %s)", this.busiestLoadAverage)
			.isLessThan(limit);
	}

	String firstFailure() {
		return this.firstFailure;
	}

	@Override
	public String toString() {
		return requests() + " requests, " + failures() + " failed " + this.failures + ", the longest took "
				+ longest().toMillis() + " ms (sent " + Duration.ofNanos(this.longestAtNanos).toMillis()
				+ " ms into the load), " + this.slow.get() + " over " + SLOW.toMillis()
				+ " ms, the machine's load average at most " + this.busiestLoadAverage;
	}

}
