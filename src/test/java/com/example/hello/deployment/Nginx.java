package com.example.hello.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Debian's nginx, run by a test as a process of its own: a private prefix, pid file, logs
 * and temporary directories, listening on loopback only, and one of the shipped sites
 * rendered with the test's paths and ports. Stopped by its PID.
 */
final class Nginx implements AutoCloseable {

	/** The shipped configuration, relative to the project root. */
	static final Path SHIPPED = Path.of("nginx");

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	private final Path prefix;

	private final Path config;

	private final int httpPort;

	private final int httpsPort;

	private Process process;

	private Nginx(Path prefix, Path config, int httpPort, int httpsPort) {
		this.prefix = prefix;
		this.config = config;
		this.httpPort = httpPort;
		this.httpsPort = httpsPort;
	}

	/**
	 * The nginx binary. Without it the test is skipped, loudly, on a developer machine,
	 * and fails in CI ({@code CI=true}), where {@code .ci/run} installs it.
	 */
	static Path binary() {
		return RequiredTool.find("nginx", "apt-get install -y nginx", "the tests through nginx");
	}

	static boolean runningAsRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	/**
	 * Renders a shipped site for this test: the given replacements (socket paths,
	 * upstream addresses) plus listeners on free loopback ports, the test certificate,
	 * and logs and the proxy snippet (with the pages of nginx's own errors) inside the
	 * prefix. Every text replaced must be in the site.
	 */
	static Nginx render(Path prefix, String site, Map<String, String> replacements, TestCertificate certificate)
			throws IOException {
		Files.createDirectories(prefix.resolve("tmp"));
		int http = freePort();
		int https = freePort();
		Path snippet = prefix.resolve("hello-proxy.conf");
		Files.copy(SHIPPED.resolve("snippets/hello-proxy.conf"), snippet);
		Map<String, String> all = new LinkedHashMap<>(replacements);
		all.put("listen 80;", "listen 127.0.0.1:" + http + ";");
		all.put("listen [::]:80;\n", "");
		all.put("listen 443 ssl;", "listen 127.0.0.1:" + https + " ssl;");
		all.put("listen [::]:443 ssl;\n", "");
		all.put("/etc/ssl/certs/ssl-cert-snakeoil.pem", certificate.certificate().toString());
		all.put("/etc/ssl/private/ssl-cert-snakeoil.key", certificate.key().toString());
		all.put("/var/log/nginx/hello.access.log", prefix.resolve("access.log").toString());
		all.put("/var/log/nginx/hello.error.log", prefix.resolve("error.log").toString());
		all.put("/etc/nginx/snippets/hello-proxy.conf", snippet.toString());
		String text = Files.readString(SHIPPED.resolve("sites-available").resolve(site));
		for (Map.Entry<String, String> replacement : all.entrySet()) {
			assertThat(text).as("shipped %s", site).contains(replacement.getKey());
			text = text.replace(replacement.getKey(), replacement.getValue());
		}
		Path rendered = Files.writeString(prefix.resolve(site), text);
		String main = (runningAsRoot() ? "user nobody nogroup;\n" : "") + """
				worker_processes 1;
				pid %1$s/nginx.pid;
				error_log %1$s/nginx-error.log warn;
				events {
				    worker_connections 1024;
				}
				http {
				    access_log off;
				    client_body_temp_path %1$s/tmp/client_body;
				    proxy_temp_path %1$s/tmp/proxy;
				    fastcgi_temp_path %1$s/tmp/fastcgi;
				    uwsgi_temp_path %1$s/tmp/uwsgi;
				    scgi_temp_path %1$s/tmp/scgi;
				    include %2$s;
				}
				""".formatted(prefix, rendered);
		Path config = Files.writeString(prefix.resolve("nginx.conf"), main);
		return new Nginx(prefix, config, http, https);
	}

	/** Runs {@code nginx -t} on the rendered configuration and returns its output. */
	String test() throws IOException, InterruptedException {
		return Commands.run(TIMEOUT, command("-t"));
	}

	Nginx start() throws IOException {
		this.process = new ProcessBuilder(command("-g", "daemon off;")).redirectErrorStream(true)
			.redirectOutput(this.prefix.resolve("nginx.out").toFile())
			.start();
		try {
			await("nginx to listen on ports " + this.httpPort + " and " + this.httpsPort).atMost(TIMEOUT)
				.pollInterval(Duration.ofMillis(50))
				.failFast("nginx exited", () -> !this.process.isAlive())
				.until(() -> accepts(this.httpPort) && accepts(this.httpsPort));
			return this;
		}
		catch (TerminalFailureException ex) {
			throw new IllegalStateException("nginx exited with " + this.process.exitValue() + ": " + errorLog(), ex);
		}
		catch (ConditionTimeoutException ex) {
			close();
			throw new IllegalStateException("nginx did not listen within " + TIMEOUT + ": " + errorLog(), ex);
		}
	}

	int httpPort() {
		return this.httpPort;
	}

	int httpsPort() {
		return this.httpsPort;
	}

	String errorLog() {
		StringBuilder log = new StringBuilder();
		for (String name : List.of("nginx-error.log", "error.log", "nginx.out")) {
			Path file = this.prefix.resolve(name);
			if (Files.exists(file)) {
				try {
					log.append(name).append(":\n").append(Files.readString(file));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		}
		return log.toString();
	}

	@Override
	public void close() {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroy();
			try {
				if (!this.process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
					this.process.destroyForcibly().waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.process.destroyForcibly();
			}
		}
	}

	private List<String> command(String... args) {
		List<String> command = new ArrayList<>(List.of(binary().toString(), "-p", this.prefix.toString(), "-e",
				this.prefix.resolve("nginx-error.log").toString(), "-c", this.config.toString()));
		command.addAll(List.of(args));
		return command;
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static int freePort() throws IOException {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
				java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
