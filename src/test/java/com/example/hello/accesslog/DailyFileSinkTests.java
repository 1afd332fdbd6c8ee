package com.example.hello.accesslog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class DailyFileSinkTests {

	@TempDir
	Path dir;

	@Test
	void movesYesterdaysLinesAsideOnTheFirstWriteOfANewDay() throws Exception {
		MutableClock clock = new MutableClock(Instant.parse("2026-11-24T23:59:00Z"));
		try (DailyFileSink sink = new DailyFileSink(this.dir, clock)) {
			sink.write("late\n");
			clock.now = Instant.parse("2026-11-25T00:01:00Z");
			sink.write("early\n");
		}
		assertThat(this.dir.resolve("access-2026-11-24.log")).hasContent("late");
		assertThat(this.dir.resolve("access.log")).hasContent("early");
	}

	@Test
	void appendsToTodaysFileAfterARestart() throws Exception {
		Clock clock = Clock.systemUTC();
		try (DailyFileSink sink = new DailyFileSink(this.dir, clock)) {
			sink.write("before\n");
		}
		try (DailyFileSink sink = new DailyFileSink(this.dir, clock)) {
			sink.write("after\n");
		}
		assertThat(Files.readAllLines(this.dir.resolve("access.log"))).containsExactly("before", "after");
	}

	@Test
	void aFullDiskFailsTheWriteAndTheNextWriteOpensTheFileAgain() throws Exception {
		Path file = this.dir.resolve("access.log");
		Files.createSymbolicLink(file, Path.of("/dev/full"));
		// the day /dev/full was last modified: no rotation moves the link aside
		MutableClock clock = new MutableClock(Files.getLastModifiedTime(file).toInstant());
		try (DailyFileSink sink = new DailyFileSink(this.dir, clock)) {
			assertThatIOException().isThrownBy(() -> sink.write("lost\n")).withMessageContaining("No space left");
			Files.delete(file);
			sink.write("kept\n");
		}
		assertThat(file).hasContent("kept");
	}

	static class MutableClock extends Clock {

		volatile Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
