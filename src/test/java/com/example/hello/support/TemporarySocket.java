package com.example.hello.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.util.FileSystemUtils;

/**
 * A Unix socket path in a directory of its own, for a test class to bind the service to
 * and to delete afterwards.
 */
public final class TemporarySocket {

	private final Path directory;

	private TemporarySocket(Path directory) {
		this.directory = directory;
	}

	public static TemporarySocket create(String prefix) {
		try {
			return new TemporarySocket(Files.createTempDirectory(prefix));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public Path path() {
		return this.directory.resolve("hello.sock");
	}

	public void delete() throws IOException {
		FileSystemUtils.deleteRecursively(this.directory);
	}

}
