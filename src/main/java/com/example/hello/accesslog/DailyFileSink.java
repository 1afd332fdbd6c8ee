package com.example.hello.accesslog;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;

import com.example.hello.settings.InvalidSettingException;

/**
 * Writes access log batches to {@code access.log} in a directory. The first write of a
 * new day renames the file to {@code access-YYYY-MM-DD.log}, after the day its lines are
 * from, and starts a new one.
 */
final class DailyFileSink implements AccessLogWriter.Sink {

	private static final String PROPERTY = "hello.access-log.directory";

	private final Path directory;

	private final Path file;

	private final Clock clock;

	private LocalDate day;

	private BufferedWriter writer;

	DailyFileSink(Path directory, Clock clock) {
		this.directory = directory;
		this.file = directory.resolve("access.log");
		this.clock = clock;
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new InvalidSettingException(PROPERTY, directory, "it cannot be created: " + ex.getMessage(),
					"create it, writable by user " + System.getProperty("user.name"), ex);
		}
		if (!Files.isWritable(directory)) {
			throw new InvalidSettingException(PROPERTY, directory,
					"it is not writable by user " + System.getProperty("user.name"),
					"make it writable or choose another directory");
		}
		this.day = lastWritten();
	}

	@Override
	public void write(CharSequence lines) throws IOException {
		LocalDate today = LocalDate.now(this.clock);
		if (!today.equals(this.day)) {
			rotate();
			this.day = today;
		}
		if (this.writer == null) {
			this.writer = Files.newBufferedWriter(this.file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		try {
			this.writer.append(lines);
			this.writer.flush();
		}
		catch (IOException ex) {
			// reopened on the next write, in case the file or disk is fixed meanwhile
			BufferedWriter failed = this.writer;
			this.writer = null;
			try {
				failed.close();
			}
			catch (IOException closing) {
				ex.addSuppressed(closing);
			}
			throw ex;
		}
	}

	@Override
	public void close() throws IOException {
		if (this.writer != null) {
			this.writer.close();
			this.writer = null;
		}
	}

	private void rotate() throws IOException {
		close();
		if (Files.exists(this.file)) {
			Path target = this.directory.resolve("access-" + this.day + ".log");
			for (int i = 1; Files.exists(target); i++) {
				target = this.directory.resolve("access-" + this.day + "-" + i + ".log");
			}
			Files.move(this.file, target);
		}
	}

	/** The day of the lines already in {@code access.log}; today if there are none. */
	private LocalDate lastWritten() {
		try {
			return LocalDate.ofInstant(Files.getLastModifiedTime(this.file).toInstant(), this.clock.getZone());
		}
		catch (IOException ex) {
			return LocalDate.now(this.clock);
		}
	}

}
