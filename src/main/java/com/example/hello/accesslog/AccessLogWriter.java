package com.example.hello.accesslog;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.undertow.server.handlers.accesslog.AccessLogReceiver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Takes access log lines from the request threads and writes them in batches on a thread
 * of its own, so that a request never waits for a lock or a write. A request thread only
 * adds its line to a lock-free queue. On {@link #close()} every queued line is written
 * before the sink is closed, so a clean shutdown loses nothing.
 * <p>
 * If the sink cannot keep up and {@code capacity} lines are waiting, further lines are
 * dropped rather than making requests wait or filling the heap; the writer logs how many
 * it dropped, once per batch.
 */
final class AccessLogWriter implements AccessLogReceiver, Closeable {

	/** How long the writer waits for more lines after a batch before it writes again. */
	private static final long BATCH_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	/** Idle batches before the writer sleeps until a request wakes it. */
	private static final int IDLE_ROUNDS = 100;

	private static final int MAX_BATCH_CHARS = 64 * 1024;

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

	private static final Log logger = LogFactory.getLog(AccessLogWriter.class);

	private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

	private final AtomicInteger queued = new AtomicInteger();

	private final AtomicLong dropped = new AtomicLong();

	private final int capacity;

	private final Sink sink;

	private final Thread thread;

	private volatile boolean sleeping;

	/** Batches lost since the sink last failed; touched by the writer thread only. */
	private long failedBatches;

	private volatile boolean closed;

	AccessLogWriter(Sink sink, int capacity) {
		this.sink = sink;
		this.capacity = capacity;
		this.thread = new Thread(this::run, "access-log");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	@Override
	public void logMessage(String message) {
		if (this.queued.incrementAndGet() > this.capacity) {
			this.queued.decrementAndGet();
			this.dropped.incrementAndGet();
			return;
		}
		this.lines.offer(message);
		if (this.sleeping) {
			this.sleeping = false;
			LockSupport.unpark(this.thread);
		}
	}

	/** Writes every queued line, then closes the sink. */
	@Override
	public void close() throws IOException {
		this.closed = true;
		LockSupport.unpark(this.thread);
		try {
			this.thread.join(CLOSE_TIMEOUT.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (this.thread.isAlive()) {
			logger.warn("The access log writer did not finish within " + CLOSE_TIMEOUT + "; " + this.queued.get()
					+ " lines were not written");
		}
		this.sink.close();
	}

	private void run() {
		StringBuilder batch = new StringBuilder(MAX_BATCH_CHARS);
		int idle = 0;
		while (true) {
			boolean closing = this.closed;
			reportDropped();
			if (drainInto(batch) > 0) {
				write(batch);
				idle = 0;
				continue;
			}
			if (closing) {
				return;
			}
			if (++idle < IDLE_ROUNDS) {
				LockSupport.parkNanos(this, BATCH_NANOS);
			}
			else {
				this.sleeping = true;
				if (this.lines.isEmpty() && !this.closed) {
					LockSupport.park(this);
				}
				this.sleeping = false;
				idle = 0;
			}
		}
	}

	private int drainInto(StringBuilder batch) {
		batch.setLength(0);
		int count = 0;
		String line;
		while (batch.length() < MAX_BATCH_CHARS && (line = this.lines.poll()) != null) {
			batch.append(line).append('\n');
			count++;
		}
		this.queued.addAndGet(-count);
		return count;
	}

	/**
	 * Writes a batch. A failing sink (a full disk, a directory that became unwritable)
	 * costs its lines and one warning, never a request: requests only ever queue lines.
	 */
	private void write(StringBuilder batch) {
		try {
			this.sink.write(batch);
			if (this.failedBatches > 0) {
				logger.warn("Writing the access log again, after " + this.failedBatches + " batches were lost");
				this.failedBatches = 0;
			}
		}
		catch (IOException | RuntimeException ex) {
			if (this.failedBatches++ == 0) {
				logger.warn("Could not write the access log, its lines are lost until it can be written again: "
						+ ex.getMessage());
			}
		}
	}

	private void reportDropped() {
		long count = this.dropped.getAndSet(0);
		if (count > 0) {
			logger.warn("Dropped " + count + " access log lines: the access log could not keep up");
		}
	}

	/** Where batches of lines go. */
	interface Sink extends Closeable {

		/** Writes whole lines, each ending in a newline. */
		void write(CharSequence lines) throws IOException;

	}

}
