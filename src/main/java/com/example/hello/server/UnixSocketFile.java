package com.example.hello.server;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import com.example.hello.settings.InvalidSettingException;

/**
 * The file of a Unix domain socket, from its checks before binding to its removal.
 * <p>
 * Unlike Gunicorn, which deletes whatever is at the path, this refuses to replace
 * anything but a stale socket: a socket somebody still answers on, a regular file or a
 * directory stay as they are and start-up stops. The socket is bound inside a private
 * directory beside the final path, given its mode and group there, and only then
 * hard-linked into place, so there is no moment when it is more open than configured.
 */
final class UnixSocketFile {

	/**
	 * The longest path Linux accepts: {@code sun_path} is 108 bytes with its final NUL.
	 */
	static final int MAX_PATH_BYTES = 107;

	private static final int S_IFMT = 0170000;

	private static final int S_IFSOCK = 0140000;

	private static final Log logger = LogFactory.getLog(UnixSocketFile.class);

	private final Path path;

	private final int mode;

	private final String group;

	private Object fileKey;

	UnixSocketFile(Path path, int mode, String group) {
		this.path = path;
		this.mode = mode;
		this.group = group;
	}

	Path path() {
		return this.path;
	}

	String describeAccess() {
		String access = "mode " + String.format("%04o", this.mode);
		return (this.group != null && !this.group.isBlank()) ? access + ", group " + this.group : access;
	}

	/**
	 * Checks the path, clears a stale socket, and binds a new one with the configured
	 * mode and group.
	 * @param backlog the listen backlog
	 * @return the bound, blocking server channel
	 * @throws InvalidSettingException if the socket cannot or must not be created
	 */
	ServerSocketChannel bind(int backlog) {
		checkLength(this.path, "");
		Path parent = this.path.getParent();
		if (!Files.isDirectory(parent)) {
			throw failure("its directory " + parent + " does not exist", "create it (mkdir -p " + parent
					+ "), writable by the user hello runs as, or choose a socket in a directory that exists");
		}
		if (!Files.isWritable(parent)) {
			throw failure("its directory " + parent + " is not writable by user " + System.getProperty("user.name"),
					"make it writable or choose another path");
		}
		removeIfStale();
		Path privateDir = createPrivateDirectory(parent);
		Path privateSocket = privateDir.resolve("s");
		try {
			checkLength(privateSocket, " (hello creates the socket in a private directory beside it first, "
					+ "which needs " + (bytes(privateSocket) - bytes(this.path)) + " more bytes)");
			ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
			try {
				channel.bind(UnixDomainSocketAddress.of(privateSocket), backlog);
				applyModeAndGroup(privateSocket);
				publish(privateSocket);
				return channel;
			}
			catch (IOException | RuntimeException ex) {
				channel.close();
				throw ex;
			}
		}
		catch (IOException ex) {
			throw failure("it cannot be created: " + ex.getMessage(), "choose another path", ex);
		}
		finally {
			deleteQuietly(privateSocket);
			deleteQuietly(privateDir);
		}
	}

	/** Removes the socket file, unless it is no longer the one this created. */
	void delete() {
		try {
			if (this.fileKey != null && Files.exists(this.path, LinkOption.NOFOLLOW_LINKS)
					&& Objects.equals(fileKey(this.path), this.fileKey)) {
				Files.delete(this.path);
				logger.info("Removed " + this.path);
			}
		}
		catch (IOException ex) {
			logger.warn("Could not remove " + this.path + ": " + ex.getMessage());
		}
	}

	private void removeIfStale() {
		if (!Files.exists(this.path, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		if (!isSocket(this.path)) {
			throw failure("something that is not a socket is in the way (" + describe(this.path)
					+ ") and hello never deletes it", "remove it yourself or choose another path");
		}
		try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
			probe.connect(UnixDomainSocketAddress.of(this.path));
		}
		catch (ConnectException ex) {
			deleteStale();
			return;
		}
		catch (IOException ex) {
			throw failure("cannot tell whether another process still uses it (" + ex.getMessage() + ")",
					"remove it if it is stale or choose another path", ex);
		}
		throw failure("another process is listening on it", "stop that process or choose another path");
	}

	private void deleteStale() {
		try {
			Files.delete(this.path);
			logger.info("Removed stale socket " + this.path + ": nothing was listening on it");
		}
		catch (IOException ex) {
			throw failure("it is a stale socket that cannot be removed: " + ex.getMessage(),
					"remove it yourself or choose another path", ex);
		}
	}

	private Path createPrivateDirectory(Path parent) {
		Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rwx------");
		for (int attempt = 0;; attempt++) {
			String name = ".h" + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
			try {
				return Files.createDirectory(parent.resolve(name), PosixFilePermissions.asFileAttribute(ownerOnly));
			}
			catch (FileAlreadyExistsException ex) {
				if (attempt == 10) {
					throw failure("no private directory could be created beside it", "choose another directory", ex);
				}
			}
			catch (IOException ex) {
				throw failure("no private directory could be created beside it: " + ex.getMessage(),
						"choose another directory", ex);
			}
		}
	}

	private void applyModeAndGroup(Path socket) throws IOException {
		PosixFileAttributeView view = Files.getFileAttributeView(socket, PosixFileAttributeView.class);
		if (this.group != null && !this.group.isBlank()) {
			GroupPrincipal principal;
			try {
				principal = socket.getFileSystem()
					.getUserPrincipalLookupService()
					.lookupPrincipalByGroupName(this.group);
			}
			catch (UserPrincipalNotFoundException ex) {
				throw new InvalidSettingException("server.unix-socket.group", this.group,
						"there is no such group on this host", "create it or set the group nginx runs in");
			}
			try {
				view.setGroup(principal);
			}
			catch (IOException ex) {
				throw new InvalidSettingException("server.unix-socket.group", this.group,
						"the socket cannot be given to that group (" + ex.getMessage() + ")",
						"user " + System.getProperty("user.name") + " must be a member of that group", ex);
			}
		}
		view.setPermissions(permissions(this.mode));
	}

	private void publish(Path privateSocket) throws IOException {
		try {
			Files.createLink(this.path, privateSocket);
		}
		catch (FileAlreadyExistsException ex) {
			throw failure("another process created it while hello was starting, and hello does not replace it",
					"stop that process or choose another path");
		}
		this.fileKey = fileKey(this.path);
	}

	private void checkLength(Path candidate, String detail) {
		int bytes = bytes(candidate);
		if (bytes > MAX_PATH_BYTES) {
			throw failure("the path is " + bytes + " bytes long but a Unix socket path may have at most "
					+ MAX_PATH_BYTES + detail, "choose a shorter path");
		}
	}

	private InvalidSettingException failure(String problem, String fix) {
		return failure(problem, fix, null);
	}

	private InvalidSettingException failure(String problem, String fix, Throwable cause) {
		return new InvalidSettingException("server.bind", BindAddress.UNIX_PREFIX + this.path, problem, fix, cause);
	}

	private static Set<PosixFilePermission> permissions(int mode) {
		Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
		PosixFilePermission[] bits = PosixFilePermission.values();
		for (int i = 0; i < 9; i++) {
			if ((mode & (1 << (8 - i))) != 0) {
				permissions.add(bits[i]);
			}
		}
		return permissions;
	}

	private static int bytes(Path path) {
		return path.toString().getBytes(Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"))).length;
	}

	private static boolean isSocket(Path path) {
		try {
			int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
			return (mode & S_IFMT) == S_IFSOCK;
		}
		catch (IOException | UnsupportedOperationException ex) {
			return false;
		}
	}

	private static String describe(Path path) {
		if (Files.isSymbolicLink(path)) {
			return "a symbolic link";
		}
		return Files.isDirectory(path) ? "a directory"
				: Files.isRegularFile(path) ? "a regular file" : "a special file";
	}

	private static Object fileKey(Path path) throws IOException {
		return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
	}

	private static void deleteQuietly(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			logger.debug("Could not delete " + path, ex);
		}
	}

}
