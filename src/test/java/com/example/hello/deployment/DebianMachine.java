package com.example.hello.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * A fresh Debian 12 with a live systemd as PID 1, for the production test: a tree made by
 * {@code debootstrap} and booted by {@code systemd-nspawn}, sharing the host's network.
 * <p>
 * The tree of a fresh machine (Debian's minimal base plus systemd, and the {@code sudo},
 * {@code curl} and {@code adduser} every Debian server has) is made once and kept in
 * {@link #CACHE}: it is only ever copied, never booted, so each test starts from the same
 * untouched machine. Commands run in the machine through {@code nsenter}. The machine is
 * powered off, then its processes killed by PID if it hangs.
 */
final class DebianMachine implements AutoCloseable {

	/**
	 * Where the pristine tree is kept between runs; {@code HELLO_DEBIAN_CACHE} moves it.
	 */
	static final Path CACHE = Path.of(System.getenv().getOrDefault("HELLO_DEBIAN_CACHE", "/var/tmp/hello-debian"));

	private static final String SUITE = "bookworm";

	private static final String PACKAGES = "systemd,systemd-sysv,dbus,sudo,curl,adduser";

	private static final String MIRROR = System.getenv()
		.getOrDefault("HELLO_DEBIAN_MIRROR", "http://deb.debian.org/debian");

	private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(90);

	private final Process nspawn;

	private final Path root;

	private final long init;

	private final AtomicInteger scripts = new AtomicInteger();

	private DebianMachine(Process nspawn, Path root, long init) {
		this.nspawn = nspawn;
		this.root = root;
		this.init = init;
	}

	/** Copies the cached tree (making it first if needed) to {@code dir} and boots it. */
	static DebianMachine boot(Path dir) throws IOException, InterruptedException {
		Path debootstrap = RequiredTool.find("debootstrap", "apt-get install -y debootstrap", "the production test");
		Path nspawn = RequiredTool.find("systemd-nspawn", "apt-get install -y systemd-container",
				"the production test");
		Path base = pristineTree(debootstrap);
		Path root = dir.resolve("root");
		Commands.run(Duration.ofMinutes(5), "cp", "-a", base.toString(), root.toString());
		Process process = new ProcessBuilder(nspawn.toString(), "-q", "--register=no", "--keep-unit", "-D",
				root.toString(), "-b", "--console=passive")
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("nspawn.log").toFile())
			.start();
		long init;
		try {
			init = await("the machine's init").atMost(BOOT_TIMEOUT)
				.pollInterval(Duration.ofMillis(100))
				.failFast("systemd-nspawn exited", () -> !process.isAlive())
				.until(() -> process.children().findFirst().map(ProcessHandle::pid), Optional::isPresent)
				.get();
		}
		catch (RuntimeException ex) {
			process.destroyForcibly();
			throw new IllegalStateException("The machine did not boot: " + Files.readString(dir.resolve("nspawn.log")),
					ex);
		}
		DebianMachine machine = new DebianMachine(process, root, init);
		try {
			machine.awaitRunning();
			// sudo resolves the host name, which the machine shares with the host
			machine.run(Duration.ofSeconds(30), "echo \"127.0.1.1 $(hostname)\" >> /etc/hosts");
			return machine;
		}
		catch (RuntimeException | AssertionError ex) {
			machine.close();
			throw ex;
		}
	}

	private static Path pristineTree(Path debootstrap) throws IOException, InterruptedException {
		Path tree = CACHE.resolve(SUITE + "-" + Integer.toHexString((PACKAGES + MIRROR).hashCode()));
		if (Files.isDirectory(tree)) {
			return tree;
		}
		Files.createDirectories(CACHE);
		Path partial = CACHE.resolve(tree.getFileName() + ".partial");
		Commands.run(Duration.ofSeconds(30), "rm", "-rf", partial.toString());
		Commands.run(Duration.ofMinutes(15), debootstrap.toString(), "--variant=minbase", "--include=" + PACKAGES,
				SUITE, partial.toString(), MIRROR);
		Files.move(partial, tree);
		return tree;
	}

	private void awaitRunning() {
		try {
			await("systemd in the machine to finish booting").atMost(BOOT_TIMEOUT)
				.pollInterval(Duration.ofMillis(500))
				.failFast("systemd-nspawn exited", () -> !this.nspawn.isAlive())
				.until(this::systemState, (state) -> state.equals("running") || state.equals("degraded"));
		}
		catch (ConditionTimeoutException ex) {
			throw new IllegalStateException("systemd did not boot: " + systemState(), ex);
		}
	}

	private String systemState() {
		try {
			return Commands.run(Duration.ofSeconds(30), enter("systemctl", "is-system-running")).strip();
		}
		catch (AssertionError ex) {
			return ex.getMessage().lines().reduce((first, last) -> last).orElse("").strip();
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The machine's root directory, as the host sees it. */
	Path root() {
		return this.root;
	}

	/**
	 * Runs a shell script as root in the machine, in {@code /root/hello}, with
	 * {@code bash -euo pipefail}: the first failing command fails it.
	 * @return what it wrote to standard output and error
	 */
	String run(Duration timeout, String script) throws IOException, InterruptedException {
		Path scripts = Files.createDirectories(this.root.resolve("root/test-scripts"));
		String name = "step-" + this.scripts.incrementAndGet() + ".sh";
		Files.writeString(scripts.resolve(name), script);
		Files.createDirectories(this.root.resolve("root/hello"));
		return Commands.run(timeout, enter("/bin/bash", "-c",
				"cd /root/hello && exec /bin/bash -euo pipefail /root/test-scripts/" + name + " </dev/null"));
	}

	private List<String> enter(String... command) {
		List<String> all = new ArrayList<>(List.of("nsenter", "-t", String.valueOf(this.init), "-a"));
		all.addAll(List.of(command));
		return all;
	}

	/** Powers the machine off, or kills it. */
	@Override
	public void close() throws InterruptedException {
		try {
			Commands.run(Duration.ofSeconds(30), enter("systemctl", "poweroff"));
		}
		catch (IOException | AssertionError ex) {
			// killed below
		}
		if (!this.nspawn.waitFor(60, TimeUnit.SECONDS)) {
			ProcessHandle.of(this.init).ifPresent(ProcessHandle::destroyForcibly);
			this.nspawn.destroyForcibly();
			this.nspawn.waitFor(30, TimeUnit.SECONDS);
		}
	}

}
