package com.example.hello.server;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * One address to listen on, written as Gunicorn's {@code --bind} takes it:
 * {@code HOST:PORT} for TCP ({@code [::1]:8080} for IPv6), {@code unix:PATH} for a Unix
 * domain socket, or {@code fd://0} for the listening socket the service was started with
 * on its standard input, as systemd's socket activation passes it.
 */
sealed interface BindAddress {

	String UNIX_PREFIX = "unix:";

	String FD_PREFIX = "fd://";

	/**
	 * Parses one bind address.
	 * @param text the address, for example {@code 127.0.0.1:8080} or
	 * {@code unix:/run/hello/hello.sock}
	 * @return the address
	 * @throws IllegalArgumentException if the text is no bind address
	 */
	static BindAddress parse(String text) {
		String value = text.strip();
		if (value.startsWith(UNIX_PREFIX)) {
			String path = value.substring(UNIX_PREFIX.length());
			if (path.isEmpty()) {
				throw invalid(text, "unix: needs a path");
			}
			return new Unix(Path.of(path).toAbsolutePath().normalize());
		}
		if (value.startsWith(FD_PREFIX)) {
			if (!value.equals(FD_PREFIX + Inherited.STANDARD_INPUT)) {
				throw new IllegalArgumentException("only fd://0, standard input, can be adopted: the JDK inherits"
						+ " no other descriptor; pass the socket with StandardInput=socket, not '" + text + "'");
			}
			return new Inherited(Inherited.STANDARD_INPUT);
		}
		int colon = value.lastIndexOf(':');
		if (colon <= 0 || colon == value.length() - 1) {
			throw invalid(text, "expected HOST:PORT, unix:PATH or fd://0");
		}
		String host = value.substring(0, colon);
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		else if (host.contains(":")) {
			throw invalid(text, "write an IPv6 host in brackets, as in [::1]:8080");
		}
		int port;
		try {
			port = Integer.parseInt(value.substring(colon + 1));
		}
		catch (NumberFormatException ex) {
			throw invalid(text, "the port must be a number");
		}
		if (port < 0 || port > 65535) {
			throw invalid(text, "the port must be between 0 and 65535");
		}
		return new Tcp(host, port);
	}

	private static IllegalArgumentException invalid(String text, String reason) {
		return new IllegalArgumentException(
				reason + " (for example 127.0.0.1:8080 or unix:/run/hello/hello.sock), not '" + text + "'");
	}

	/** A TCP address. */
	record Tcp(String host, int port) implements BindAddress {

		static Tcp of(InetSocketAddress address) {
			return new Tcp(address.getAddress().getHostAddress(), address.getPort());
		}

		@Override
		public String toString() {
			return (this.host.contains(":") ? "[" + this.host + "]" : this.host) + ":" + this.port;
		}

	}

	/** A Unix domain socket, by the path of its file. */
	record Unix(Path path) implements BindAddress {

		@Override
		public String toString() {
			return UNIX_PREFIX + this.path;
		}

	}

	/**
	 * The listening socket the service inherited as the descriptor {@code fd}, which only
	 * standard input can be.
	 */
	record Inherited(int fd) implements BindAddress {

		static final int STANDARD_INPUT = 0;

		@Override
		public String toString() {
			return FD_PREFIX + this.fd;
		}

	}

}
