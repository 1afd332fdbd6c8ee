package com.example.hello.deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.hello.support.ChildJvm;
import com.example.hello.support.HttpTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The container image ({@code deploy/container}), built as documented and run hardened: a
 * read-only root, no capabilities, no new privileges, a memory limit. On TCP through a
 * published loopback port, and with no network at all on a Unix socket in a directory the
 * host shares, which a host process in the socket's group reaches and one outside it
 * cannot. Stopped with SIGTERM, it shuts down gracefully and removes its socket.
 * <p>
 * Needs root, podman, runc and debootstrap (for the offline base): skipped, loudly, on a
 * developer machine without them, failed in CI.
 */
class ContainerImageIT {

	/** What the docs ask of a production run. */
	private static final List<String> HARDENED = List.of("--read-only", "--cap-drop=all", "--security-opt",
			"no-new-privileges", "--memory", "256m");

	/** The socket's group on the host, a group id that names no group there. */
	private static final int PROXY_GID = 47211;

	/** A user outside that group. */
	private static final int NOBODY = 65534;

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration PODMAN_TIMEOUT = Duration.ofSeconds(60);

	private static String image;

	private final List<String> containers = new ArrayList<>();

	@BeforeAll
	static void buildImage() throws Exception {
		image = Podman.image();
		System.out.println("Image " + image + ": "
				+ Podman.run(PODMAN_TIMEOUT, "image", "inspect", "--format", "{{.Size}}", image).strip() + " bytes");
	}

	@AfterEach
	void removeContainers() {
		for (String container : this.containers) {
			Podman.removeQuietly("rm", "--force", "--time", "0", container);
		}
	}

	@Test
	void servesHardenedOnTcpAsANonRootPid1AndTrustsTheBridgesGateway() throws Exception {
		int port = Nginx.freePort();
		long launched = System.nanoTime();
		String container = run(List.of("-p", "127.0.0.1:" + port + ":8080"));
		HttpTestClient tcp = HttpTestClient.tcp(port).waitingUpTo(Duration.ofSeconds(5));
		await("the container to answer /hello").atMost(START_TIMEOUT)
			.pollInterval(Duration.ofMillis(50))
			.ignoreExceptions()
			.until(() -> tcp.get("/hello").status() == 200);
		System.out.printf("Container on TCP: first 200 %d ms after podman run%n",
				Duration.ofNanos(System.nanoTime() - launched).toMillis());
		assertThat(tcp.get("/about").status()).isEqualTo(200);
		assertThat(tcp.get("/actuator/health/liveness").body()).isEqualTo("{\"status\":\"UP\"}");
		assertThat(tcp.get("/actuator/health/readiness").body()).isEqualTo("{\"status\":\"UP\"}");
		// the proxy on the host connects through the bridge's gateway, which the image
		// trusts
		tcp.get("/hello?probe=forwarded", "X-Forwarded-For: 198.51.100.23");
		await("the access log line").atMost(Duration.ofSeconds(10))
			.until(() -> logged(container, "198.51.100.23", "/hello?probe=forwarded"));
		assertThat(Podman.run(PODMAN_TIMEOUT, "exec", container, "cat", "/proc/1/cmdline").replace('\0', ' '))
			.startsWith("java @jvm.args ");
		assertThat(Podman.run(PODMAN_TIMEOUT, "exec", container, "cat", "/proc/1/status"))
			.containsPattern("Uid:\\s+10001\\s")
			.containsPattern("CapEff:\\s+0+\\s")
			.containsPattern("NoNewPrivs:\\s+1");
		// the root filesystem is read-only to the service
		assertThat(Podman.exitCode(PODMAN_TIMEOUT, "exec", container, "touch", "/opt/hello/x")).isNotZero();
		assertThat(Podman.exitCode(PODMAN_TIMEOUT, "healthcheck", "run", container)).isZero();
	}

	@Test
	void servesHardenedWithNoNetworkOnAUnixSocketOnlyTheProxysGroupReaches(@TempDir Path dir) throws Exception {
		Path shared = socketDirectory(dir);
		Path socket = shared.resolve("hello.sock");
		String container = runOnSocket(shared);
		awaitSocket(socket);
		PosixFileAttributes attributes = Files.readAttributes(socket, PosixFileAttributes.class);
		assertThat(PosixFilePermissions.toString(attributes.permissions())).isEqualTo("rw-rw----");
		assertThat(Files.getAttribute(socket, "unix:gid")).isEqualTo(PROXY_GID);
		HttpTestClient unix = HttpTestClient.unix(socket);
		assertThat(unix.get("/hello").status()).isEqualTo(200);
		// connections on the socket are trusted: X-Forwarded-For names the client
		unix.get("/hello?probe=socket", "X-Forwarded-For: 198.51.100.24");
		await("the access log line").atMost(Duration.ofSeconds(10))
			.until(() -> logged(container, "198.51.100.24", "/hello?probe=socket"));
		// a host process in the socket's group, as nginx's workers, and one outside it
		Path tools = healthCheckTool(dir);
		assertThat(asUser(NOBODY, PROXY_GID, tools, socket)).as("in the socket's group").isZero();
		assertThat(asUser(NOBODY, NOBODY, tools, socket)).as("outside the socket's group").isNotZero();
		assertThat(Podman.exitCode(PODMAN_TIMEOUT, "healthcheck", "run", container)).isZero();
		assertThat(Podman.run(PODMAN_TIMEOUT, "inspect", "--format", "{{.HostConfig.NetworkMode}}", container))
			.contains("none");
	}

	@Test
	void stopsGracefullyOnSigtermAndRemovesItsSocket(@TempDir Path dir) throws Exception {
		Path shared = socketDirectory(dir);
		Path socket = shared.resolve("hello.sock");
		String container = runOnSocket(shared);
		awaitSocket(socket);
		HttpTestClient unix = HttpTestClient.unix(socket);
		assertThat(unix.get("/hello").status()).isEqualTo(200);
		// podman stop sends SIGTERM to PID 1, the JVM, and SIGKILL only after 30 s
		long stopping = System.nanoTime();
		Podman.run(PODMAN_TIMEOUT, "stop", "--time", "30", container);
		Duration stopped = Duration.ofNanos(System.nanoTime() - stopping);
		assertThat(stopped).isLessThan(Duration.ofSeconds(25));
		assertThat(Podman.run(PODMAN_TIMEOUT, "inspect", "--format", "{{.State.ExitCode}}", container).strip())
			.isEqualTo("143");
		assertThat(Podman.run(PODMAN_TIMEOUT, "logs", container)).contains("Graceful shutdown complete");
		assertThat(socket).doesNotExist();
	}

	/** Whether the access log has a line for the request, with the client named. */
	private static boolean logged(String container, String client, String path) throws Exception {
		return Podman.run(PODMAN_TIMEOUT, "logs", container)
			.lines()
			.anyMatch((line) -> line.startsWith(client + " [") && line.contains("\"GET " + path + " HTTP/1.1\" 200 "));
	}

	private String run(List<String> options) throws Exception {
		String name = "hello-it-" + UUID.randomUUID().toString().substring(0, 8);
		this.containers.add(name);
		List<String> args = new ArrayList<>(List.of("run", "--detach", "--name", name));
		args.addAll(HARDENED);
		args.addAll(options);
		args.add(image);
		Podman.run(PODMAN_TIMEOUT, args.toArray(String[]::new));
		return name;
	}

	/**
	 * With no network, on a socket in the shared directory, in the group given to the
	 * proxy.
	 */
	private String runOnSocket(Path shared) throws Exception {
		return run(List.of("--network", "none", "-v", shared + ":/run/hello", "--group-add", String.valueOf(PROXY_GID),
				"-e", "HELLO_SOCKET_GROUP=" + PROXY_GID, "-e", "SERVER_BIND=unix:/run/hello/hello.sock"));
	}

	/**
	 * The directory the host shares: the service's user owns it, the proxy's group may
	 * enter it, nobody else.
	 */
	private static Path socketDirectory(Path dir) throws Exception {
		Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path shared = Files.createDirectory(dir.resolve("run-hello"));
		Commands.run(PODMAN_TIMEOUT, "chown", "10001:" + PROXY_GID, shared.toString());
		Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-x---"));
		return shared;
	}

	private static void awaitSocket(Path socket) {
		HttpTestClient unix = HttpTestClient.unix(socket).waitingUpTo(Duration.ofSeconds(5));
		await("the container to answer on " + socket).atMost(START_TIMEOUT)
			.pollInterval(Duration.ofMillis(50))
			.ignoreExceptions()
			.until(() -> unix.get("/hello").status() == 200);
	}

	/**
	 * The image's health check program, compiled for the host's JVM, readable by anyone.
	 */
	private static Path healthCheckTool(Path dir) throws Exception {
		Path tools = Files.createDirectory(dir.resolve("tools"));
		Commands.run(Duration.ofMinutes(1), Path.of(System.getProperty("java.home"), "bin", "javac").toString(), "-d",
				tools.toString(), "deploy/container/HealthCheck.java");
		Commands.run(PODMAN_TIMEOUT, "chmod", "-R", "a+rX", tools.toString());
		return tools;
	}

	/** Asks for readiness on the socket as another user and group; the exit code. */
	private static int asUser(int uid, int gid, Path tools, Path socket) throws Exception {
		Path setpriv = RequiredTool.find("setpriv", "apt-get install -y util-linux", "the container tests");
		ProcessBuilder check = new ProcessBuilder(setpriv.toString(), "--reuid=" + uid, "--regid=" + gid,
				"--clear-groups", ChildJvm.java(), "-Xshare:auto", "-cp", tools.toString(), "HealthCheck",
				"unix:" + socket);
		try {
			Commands.run(PODMAN_TIMEOUT, check);
			return 0;
		}
		catch (AssertionError ex) {
			System.out.println("As " + uid + ":" + gid + ": " + ex.getMessage().lines().skip(1).toList());
			return 1;
		}
	}

}
