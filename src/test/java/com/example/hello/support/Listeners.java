package com.example.hello.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.Environment;
import org.springframework.util.FileSystemUtils;

/**
 * The two listeners {@link TcpAndUnixSocket} binds, and a client for each.
 */
public final class Listeners implements DisposableBean {

	private final Path directory;

	private final Environment environment;

	Listeners(Path directory, Environment environment) {
		this.directory = directory;
		this.environment = environment;
	}

	static Listeners create(Environment environment) throws IOException {
		return new Listeners(Files.createTempDirectory("hello-test"), environment);
	}

	/** The Unix socket's path. */
	public Path socket() {
		return this.directory.resolve("hello.sock");
	}

	/** The loopback port, once the server has started. */
	public int port() {
		return this.environment.getRequiredProperty("local.server.port", Integer.class);
	}

	public HttpTestClient tcp() {
		return HttpTestClient.tcp(port());
	}

	public HttpTestClient unix() {
		return HttpTestClient.unix(socket());
	}

	@Override
	public void destroy() throws IOException {
		FileSystemUtils.deleteRecursively(this.directory);
	}

}
