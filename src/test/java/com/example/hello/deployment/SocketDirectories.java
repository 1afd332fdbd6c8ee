package com.example.hello.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Socket directories set up as systemd's {@code RuntimeDirectory} would be: mode 0750,
 * shared with nginx's group. As root, nginx's workers run as {@code nobody:nogroup}, so
 * the directory and the sockets belong to {@code nogroup}; otherwise nginx runs as the
 * test's own user and needs no group.
 */
final class SocketDirectories {

	static final String NGINX_GROUP = "nogroup";

	private SocketDirectories() {
	}

	static Path create(Path parent, String name) throws IOException {
		Path directory = Files.createDirectory(parent.resolve(name));
		Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-x---"));
		if (Nginx.runningAsRoot()) {
			GroupPrincipal group = directory.getFileSystem()
				.getUserPrincipalLookupService()
				.lookupPrincipalByGroupName(NGINX_GROUP);
			Files.getFileAttributeView(directory, PosixFileAttributeView.class).setGroup(group);
		}
		return directory;
	}

	/** The service's settings that give its sockets to nginx's group. */
	static Map<String, Object> groupSettings() {
		return Nginx.runningAsRoot() ? Map.of("server.unix-socket.group", NGINX_GROUP) : Map.of();
	}

}
