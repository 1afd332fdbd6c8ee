package com.example.hello.server;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.undertow.server.handlers.accesslog.AccessLogReceiver;
import io.undertow.server.handlers.accesslog.DefaultAccessLogReceiver;

/**
 * Writes access log lines to {@code access.log} in a directory, rotated daily, off the
 * request threads.
 */
class FileAccessLogReceiver implements AccessLogReceiver, Closeable {

	private final ExecutorService writer;

	private final DefaultAccessLogReceiver receiver;

	FileAccessLogReceiver(Path directory) {
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new ServerSetupException("Cannot write the access log to " + directory + ": " + ex.getMessage(), ex);
		}
		if (!Files.isWritable(directory)) {
			throw new ServerSetupException("Cannot write the access log to " + directory
					+ ": the directory is not writable by user " + System.getProperty("user.name"));
		}
		this.writer = Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "access-log");
			thread.setDaemon(true);
			return thread;
		});
		this.receiver = DefaultAccessLogReceiver.builder()
			.setLogWriteExecutor(this.writer)
			.setOutputDirectory(directory)
			.setLogBaseName("access.")
			.setLogNameSuffix("log")
			.setRotate(true)
			.build();
	}

	@Override
	public void logMessage(String message) {
		this.receiver.logMessage(message);
	}

	@Override
	public void close() throws IOException {
		this.receiver.close();
		this.writer.shutdown();
	}

}
