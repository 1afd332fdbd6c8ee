package com.example.hello.accesslog;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.undertow.server.handlers.accesslog.AccessLogReceiver;
import io.undertow.server.handlers.accesslog.DefaultAccessLogReceiver;

import com.example.hello.system.InvalidSettingException;

/**
 * Writes access log lines to {@code access.log} in a directory, rotated daily, off the
 * request threads.
 */
class FileAccessLogReceiver implements AccessLogReceiver, Closeable {

	private static final String PROPERTY = "hello.access-log.directory";

	private final ExecutorService writer;

	private final DefaultAccessLogReceiver receiver;

	FileAccessLogReceiver(Path directory) {
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
