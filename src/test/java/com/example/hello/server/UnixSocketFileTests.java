package com.example.hello.server;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.hello.settings.InvalidSettingException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The socket file's life, on real files and real sockets.
 */
class UnixSocketFileTests {

	@TempDir
	Path dir;

	@Test
	void createsAListeningSocketWithMode0660ByDefault() throws IOException {
		Path path = this.dir.resolve("hello.sock");
		try (ServerSocketChannel channel = new UnixSocketFile(path, 0660, null).bind(10)) {
			assertThat(Files.getAttribute(path, "unix:mode")).isEqualTo(0140660);
			assertAcceptsConnections(path, channel);
		}
	}

	@Test
	void appliesTheConfiguredModeAndGroup() throws IOException {
		Path path = this.dir.resolve("hello.sock");
		GroupPrincipal group = Files.readAttributes(this.dir, PosixFileAttributes.class).group();
		try (ServerSocketChannel channel = new UnixSocketFile(path, 0600, group.getName()).bind(10)) {
			PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class);
			assertThat(PosixFilePermissions.toString(attributes.permissions())).isEqualTo("rw-------");
			assertThat(attributes.group()).isEqualTo(group);
		}
	}

	@Test
	void leavesNothingButTheSocketInItsDirectory() throws IOException {
		Path path = this.dir.resolve("hello.sock");
		try (ServerSocketChannel channel = new UnixSocketFile(path, 0660, null).bind(10);
				Stream<Path> files = Files.list(this.dir)) {
			assertThat(files).containsExactly(path);
		}
	}

	@Test
	void replacesAStaleSocketThatNobodyListensOn() throws IOException {
		Path path = this.dir.resolve("hello.sock");
		try (ServerSocketChannel previous = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			previous.bind(UnixDomainSocketAddress.of(path));
		}
		assertThat(path).exists();
		try (ServerSocketChannel channel = new UnixSocketFile(path, 0660, null).bind(10)) {
			assertAcceptsConnections(path, channel);
		}
	}

	@Test
	void refusesASocketThatAnotherListenerAnswersOn() throws IOException {
		Path path = this.dir.resolve("hello.sock");
		try (ServerSocketChannel other = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			other.bind(UnixDomainSocketAddress.of(path));
			assertFailure(new UnixSocketFile(path, 0660, null), "Invalid server.bind='unix:" + path
					+ "': another process is listening on it; stop that process or choose another path");
			assertAcceptsConnections(path, other);
		}
	}

	@Test
	void refusesAndKeepsARegularFile() throws IOException {
		Path path = Files.writeString(this.dir.resolve("hello.sock"), "data");
		assertFailure(new UnixSocketFile(path, 0660, null), "something that is not a socket is in the way "
				+ "(a regular file) and hello never deletes it; remove it yourself or choose another path");
		assertThat(path).hasContent("data");
	}

	@Test
	void refusesAndKeepsADirectory() throws IOException {
		Path path = Files.createDirectory(this.dir.resolve("hello.sock"));
		assertFailure(new UnixSocketFile(path, 0660, null), "(a directory)");
		assertThat(path).isDirectory();
	}

	@Test
	void refusesAMissingDirectory() {
		Path path = this.dir.resolve("missing/hello.sock");
		assertFailure(new UnixSocketFile(path, 0660, null),
				"its directory " + path.getParent() + " does not exist; create it (mkdir -p " + path.getParent()
						+ "), writable by the user hello runs as, or choose a socket in a directory that exists");
	}

	@Test
	void refusesAPathLongerThanTheOsAllows() {
		Path path = this.dir.resolve("s".repeat(120));
		assertFailure(new UnixSocketFile(path, 0660, null),
				"bytes long but a Unix socket path may have at most 107; choose a shorter path");
		assertThat(path).doesNotExist();
	}

	@Test
	void refusesAGroupThatDoesNotExist() {
		Path path = this.dir.resolve("hello.sock");
		assertFailure(new UnixSocketFile(path, 0660, "no-such-group-here"),
				"Invalid server.unix-socket.group='no-such-group-here': there is no such group on this host");
		assertThat(path).doesNotExist();
	}

	@Test
	void deletesItsOwnSocketButNotOneThatReplacedIt() throws IOException {
		Path path = this.dir.resolve("hello.sock");
		UnixSocketFile file = new UnixSocketFile(path, 0660, null);
		try (ServerSocketChannel channel = file.bind(10)) {
			file.delete();
			assertThat(path).doesNotExist();
		}
		UnixSocketFile replaced = new UnixSocketFile(path, 0660, null);
		try (ServerSocketChannel channel = replaced.bind(10)) {
			Files.delete(path);
			try (ServerSocketChannel other = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
				other.bind(UnixDomainSocketAddress.of(path));
				replaced.delete();
				assertThat(path).exists();
			}
		}
	}

	private static void assertFailure(UnixSocketFile file, String message) {
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(() -> file.bind(10).close())
			.satisfies((ex) -> assertThat(ex.getMessage()).contains(message).doesNotContain("\n"));
	}

	/**
	 * A client connects to {@code path}, {@code channel} accepts that very connection,
	 * and a byte goes each way through it.
	 */
	private static void assertAcceptsConnections(Path path, ServerSocketChannel channel) {
		// Preemptively: a blocking accept or read that never returns is interrupted, and
		// the interrupt closes the channel.
		assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
			try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
				write(client, 'c');
				SocketChannel next = channel.accept();
				int first = read(next);
				while (first == -1) {
					// a connection closed before the client's, such as UnixSocketFile's
					// check whether another process listens: it ends at once
					next.close();
					next = channel.accept();
					first = read(next);
				}
				try (SocketChannel accepted = next) {
					assertThat(first).as("byte from the client").isEqualTo('c');
					write(accepted, 's');
					assertThat(read(client)).as("byte from the server").isEqualTo('s');
				}
			}
		});
	}

	private static void write(SocketChannel channel, char value) throws IOException {
		assertThat(channel.write(ByteBuffer.wrap(new byte[] { (byte) value }))).isOne();
	}

	/** Reads one byte, waiting for it; -1 at end of stream. */
	private static int read(SocketChannel channel) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(1);
		channel.configureBlocking(true);
		return (channel.read(buffer) < 0) ? -1 : (buffer.get(0) & 0xff);
	}

}
