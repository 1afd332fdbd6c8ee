package com.example.hello.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.example.hello.support.ChildJvm;
import com.example.hello.support.HttpTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * nginx's {@code sites-available/hello-hosts.conf} in front of three hosts, each a
 * network namespace of its own with the service (the packaged jar, prod profile) on its
 * own address, all on a bridge in nginx's namespace. Under steady load through nginx, one
 * host at a time vanishes and comes back: its JVM killed (SIGKILL) and started again,
 * stopped gracefully (SIGTERM) and started again, and its packets dropped, then let
 * through again. No request fails, and with the packets dropped the 99th percentile stays
 * under 5 s.
 * <p>
 * The addresses exist only inside the namespaces this test makes; the load reaches nginx
 * on a Unix socket. Everything is removed afterwards: processes by PID, then the
 * namespaces with their bridge and links. Needs root, iproute2, nftables and nginx:
 * skipped, loudly, on a developer machine without them, failed in CI.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeveralHostsIT {

	/** Names of this run's own, so that two runs on one machine do not meet. */
	private static final String NAMESPACES = "hello-it-" + ProcessHandle.current().pid() + "-";

	private static final String PROXY = NAMESPACES + "proxy";

	private static final String NETWORK = "10.228.28.";

	private static final String GATEWAY = NETWORK + "1";

	private static final int HOSTS = 3;

	private static final int PORT = 8080;

	private static final int CONNECTIONS = 16;

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

	/** fail_timeout in the site, and some: a host that is back is tried again by then. */
	private static final Duration BACK_IN_ROTATION = Duration.ofSeconds(30);

	private static final Duration OUTAGE = Duration.ofSeconds(8);

	private static final Duration BLIP = Duration.ofSeconds(7);

	private Path dir;

	private Path ip;

	private Path nft;

	private final ChildJvm[] services = new ChildJvm[HOSTS + 1];

	private Process nginx;

	private Path nginxSocket;

	private final Map<String, String> rounds = new LinkedHashMap<>();

	@BeforeAll
	void setUp(@TempDir Path dir) throws Exception {
		RequiredTool.requireRoot("the several-hosts test's network namespaces");
		this.ip = RequiredTool.find("ip", "apt-get install -y iproute2", "the several-hosts test");
		this.nft = RequiredTool.find("nft", "apt-get install -y nftables", "the several-hosts test");
		Nginx.binary();
		// nginx's workers (nobody) reach the sockets inside
		Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
		this.dir = dir;
		removeNamespaces();
		ip("netns", "add", PROXY);
		ip("-n", PROXY, "link", "set", "lo", "up");
		ip("-n", PROXY, "link", "add", "br0", "type", "bridge");
		ip("-n", PROXY, "addr", "add", GATEWAY + "/24", "dev", "br0");
		ip("-n", PROXY, "link", "set", "br0", "up");
		for (int host = 1; host <= HOSTS; host++) {
			String namespace = namespace(host);
			ip("netns", "add", namespace);
			ip("-n", namespace, "link", "set", "lo", "up");
			ip("-n", PROXY, "link", "add", "veth" + host, "type", "veth", "peer", "name", "eth0", "netns", namespace);
			ip("-n", PROXY, "link", "set", "veth" + host, "master", "br0", "up");
			ip("-n", namespace, "addr", "add", address(host) + "/24", "dev", "eth0");
			ip("-n", namespace, "link", "set", "eth0", "up");
		}
		for (int host = 1; host <= HOSTS; host++) {
			start(host);
		}
		startNginx();
	}

	@AfterAll
	void tearDown() throws Exception {
		try {
			if (this.nginx != null && this.nginx.isAlive()) {
				this.nginx.destroy();
				if (!this.nginx.waitFor(15, TimeUnit.SECONDS)) {
					this.nginx.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
				}
			}
			for (ChildJvm service : this.services) {
				if (service != null) {
					service.close();
				}
			}
		}
		finally {
			removeNamespaces();
		}
		this.rounds.forEach((round, result) -> System.out.println("Several hosts, " + round + ": " + result));
	}

	@Test
	void noRequestFailsWhenAHostVanishesAndComesBack() throws Exception {
		// fresh JVMs: the first seconds measure the JIT compiler, and a cold host slower
		// than proxy_read_timeout would be marked down. Each host directly, then through
		// nginx.
		List<Load> direct = new ArrayList<>();
		for (int host = 1; host <= HOSTS; host++) {
			Load load = new Load(HttpTestClient.unix(this.dir.resolve("host" + host + ".sock")), 2);
			load.start();
			direct.add(load);
		}
		Thread.sleep(8000);
		for (Load load : direct) {
			load.stop();
		}
		startLoad().stop(Duration.ofSeconds(5));
		long[] before = new long[HOSTS + 1];
		for (int host = 1; host <= HOSTS; host++) {
			before[host] = servedThroughNginx(host);
		}
		Load baseline = startLoad();
		Thread.sleep(5000);
		baseline.stop();
		List<Long> split = new ArrayList<>();
		for (int host = 1; host <= HOSTS; host++) {
			split.add(servedThroughNginx(host) - before[host]);
		}
		record("all three up, /about answered by each " + split, baseline);
		for (int host = 1; host <= HOSTS; host++) {
			assertThat(split.get(host - 1)).as("host %d's share of %s", host, baseline)
				.isGreaterThan(baseline.requests() / 2 / HOSTS / 3);
		}

		Load killed = startLoad();
		Thread.sleep(3000);
		this.services[1].kill();
		this.services[1].awaitExit(COMMAND_TIMEOUT);
		Thread.sleep(OUTAGE.toMillis());
		start(1);
		awaitBackInRotation(1);
		killed.stop();
		record("host 1 killed (SIGKILL), then started again", killed);

		Load stopped = startLoad();
		Thread.sleep(3000);
		this.services[2].terminate();
		assertThat(this.services[2].awaitExit(COMMAND_TIMEOUT)).isEqualTo(143);
		Thread.sleep(OUTAGE.toMillis());
		start(2);
		awaitBackInRotation(2);
		stopped.stop();
		record("host 2 stopped (SIGTERM), then started again", stopped);

		Load blackholed = startLoad();
		Thread.sleep(3000);
		blackhole(3);
		try {
			Thread.sleep(OUTAGE.toMillis());
		}
		finally {
			restore(3);
		}
		awaitBackInRotation(3);
		blackholed.stop();
		record("host 3's packets dropped, then let through", blackholed);

		// every host gone at once, longer than the read timeout (5 s): nginx marks them
		// all
		// down, and once they are back it serves through the backup entries rather than
		// answering 502 "no live upstreams" until fail_timeout ends
		Path errorLog = this.dir.resolve("nginx/error.log");
		int logged = Files.readString(errorLog).length();
		Load blip = startLoad();
		Thread.sleep(2000);
		for (int host = 1; host <= HOSTS; host++) {
			blackhole(host);
		}
		try {
			Thread.sleep(BLIP.toMillis());
		}
		finally {
			for (int host = 1; host <= HOSTS; host++) {
				restore(host);
			}
		}
		blip.stop();
		record("every host's packets dropped for " + BLIP.toSeconds() + " s (requests may fail)", blip);
		// nginx found every host failing, which marks it down (max_fails=1)
		String blipErrors = Files.readString(errorLog).substring(logged);
		for (int host = 1; host <= HOSTS; host++) {
			String upstream = address(host) + ":" + PORT;
			assertThat(blipErrors.lines()).as("nginx's errors during the blip")
				.anyMatch((line) -> line.contains("upstream timed out") && line.contains(upstream));
		}
		// within fail_timeout (10 s) of the hosts' last failures
		Load afterBlip = startLoad();
		Thread.sleep(3000);
		afterBlip.stop();
		record("right after that, every host marked down", afterBlip);

		assertThat(baseline.failures()).as("%s", baseline).isZero();
		assertThat(Files.readString(errorLog)).as("nginx's error log").doesNotContain("no live upstreams");
		assertThat(afterBlip.failures()).as("after the blip: %s; first: %s", afterBlip, afterBlip.firstFailure())
			.isZero();
		assertThat(killed.failures()).as("killed: %s; first: %s", killed, killed.firstFailure()).isZero();
		assertThat(stopped.failures()).as("stopped: %s; first: %s", stopped, stopped.firstFailure()).isZero();
		assertThat(blackholed.failures()).as("blackholed: %s; first: %s", blackholed, blackholed.firstFailure())
			.isZero();
		assertThat(blackholed.percentile(99)).as("blackholed: %s", blackholed).isLessThan(Duration.ofSeconds(5));
	}

	/** What a retry may resend: never a POST, and only within bounds. */
	@Test
	void onlyIdempotentRequestsAreRetriedAndOnlyWithinBounds() throws IOException {
		String site = Files.readString(Nginx.SHIPPED.resolve("sites-available/hello-hosts.conf"));
		String snippet = Files.readString(Nginx.SHIPPED.resolve("snippets/hello-proxy.conf"));
		assertThat((site + snippet).lines().filter((line) -> line.contains("proxy_next_upstream ")))
			.noneMatch((line) -> line.contains("non_idempotent"));
		assertThat(site + snippet).contains("proxy_next_upstream         error timeout http_502 http_503;\n",
				"proxy_next_upstream_tries   3;\n", "proxy_next_upstream_timeout 10s;\n");
		assertThat(site).contains("include /etc/nginx/snippets/hello-proxy.conf;", "proxy_connect_timeout 1s;",
				"keepalive 32;", "max_fails=1 fail_timeout=10s;");
	}

	private void record(String round, Load load) {
		this.rounds.put(round,
				"%d requests, %d failed, p50 %d ms, p99 %d ms, longest %d ms".formatted(load.requests(),
						load.failures(), load.percentile(50).toMillis(), load.percentile(99).toMillis(),
						load.longest().toMillis()));
		System.out.println("Several hosts, " + round + ": " + this.rounds.get(round));
	}

	private Load startLoad() {
		Load load = new Load(HttpTestClient.unix(this.nginxSocket).waitingUpTo(Duration.ofSeconds(30)), CONNECTIONS);
		load.start();
		return load;
	}

	/**
	 * The host's service: the packaged jar in the prod profile, on its address and on a
	 * Unix socket the test checks it on, trusting nginx's address.
	 */
	private void start(int host) throws IOException {
		Path socket = this.dir.resolve("host" + host + ".sock");
		Files.deleteIfExists(socket);
		Path workDir = Files.createDirectories(this.dir.resolve("host" + host));
		List<String> command = new ArrayList<>(List.of(this.ip.toString(), "netns", "exec", namespace(host),
				ChildJvm.java(), "-Djava.io.tmpdir=" + Files.createDirectories(workDir.resolve("tmp"))));
		command.addAll(List.of(HelloEnv.settings().get("JAVA_OPTS").split("\\s+")));
		command.addAll(List.of("-jar", Path.of("target/hello.jar").toAbsolutePath().toString(),
				"--spring.profiles.active=prod", "--server.bind=" + address(host) + ":" + PORT + ",unix:" + socket,
				"--server.trusted-proxies=" + GATEWAY));
		this.services[host] = ChildJvm.start(new ProcessBuilder(command), workDir, HttpTestClient.unix(socket));
	}

	private void startNginx() throws Exception {
		Path prefix = Files.createDirectories(this.dir.resolve("nginx"));
		Files.createDirectories(prefix.resolve("tmp"));
		this.nginxSocket = prefix.resolve("nginx.sock");
		Path snippet = Files.copy(Nginx.SHIPPED.resolve("snippets/hello-proxy.conf"),
				prefix.resolve("hello-proxy.conf"));
		Map<String, String> replacements = new LinkedHashMap<>();
		for (int host = 1; host <= HOSTS; host++) {
			replacements.put("10.0.0.1" + host + ":8080", address(host) + ":" + PORT);
		}
		replacements.put("listen 80;", "listen unix:" + this.nginxSocket + ";");
		replacements.put("    listen [::]:80;\n", "");
		replacements.put("    listen 443 ssl;\n", "");
		replacements.put("    listen [::]:443 ssl;\n", "");
		replacements.put("    ssl_certificate     /etc/ssl/certs/ssl-cert-snakeoil.pem;\n", "");
		replacements.put("    ssl_certificate_key /etc/ssl/private/ssl-cert-snakeoil.key;\n", "");
		replacements.put("/var/log/nginx/hello.access.log", prefix.resolve("access.log").toString());
		replacements.put("/var/log/nginx/hello.error.log", prefix.resolve("error.log").toString());
		replacements.put("/etc/nginx/snippets/hello-proxy.conf", snippet.toString());
		String site = Files.readString(Nginx.SHIPPED.resolve("sites-available/hello-hosts.conf"));
		for (Map.Entry<String, String> replacement : replacements.entrySet()) {
			assertThat(site).contains(replacement.getKey());
			site = site.replace(replacement.getKey(), replacement.getValue());
		}
		Path rendered = Files.writeString(prefix.resolve("hello-hosts.conf"), site);
		Path config = Files.writeString(prefix.resolve("nginx.conf"), """
				user nobody nogroup;
				worker_processes 1;
				pid %1$s/nginx.pid;
				error_log %1$s/nginx-error.log warn;
				events {
				    worker_connections 1024;
				}
				http {
				    client_body_temp_path %1$s/tmp/client_body;
				    proxy_temp_path %1$s/tmp/proxy;
				    fastcgi_temp_path %1$s/tmp/fastcgi;
				    uwsgi_temp_path %1$s/tmp/uwsgi;
				    scgi_temp_path %1$s/tmp/scgi;
				    include %2$s;
				}
				""".formatted(prefix, rendered));
		this.nginx = new ProcessBuilder(this.ip.toString(), "netns", "exec", PROXY, Nginx.binary().toString(), "-p",
				prefix.toString(), "-e", prefix.resolve("nginx-error.log").toString(), "-c", config.toString(), "-g",
				"daemon off;")
			.redirectErrorStream(true)
			.redirectOutput(prefix.resolve("nginx.out").toFile())
			.start();
		HttpTestClient client = HttpTestClient.unix(this.nginxSocket).waitingUpTo(Duration.ofSeconds(5));
		await("nginx to answer through every host").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.ignoreExceptions()
			.failFast("nginx exited", () -> !this.nginx.isAlive())
			.until(() -> client.get("/hello").status() == 200);
	}

	/**
	 * Requests for /about the host answered: only the load, through nginx, asks for it.
	 */
	private long servedThroughNginx(int host) {
		return this.services[host].standardOutput().lines().filter((line) -> line.contains("\"GET /about ")).count();
	}

	private void awaitBackInRotation(int host) {
		long before = servedThroughNginx(host);
		await("host " + host + " back in nginx's rotation").atMost(BACK_IN_ROTATION)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> servedThroughNginx(host) > before + 10);
	}

	/** Drops every packet the host gets or sends, as a host whose network is gone. */
	private void blackhole(int host) throws Exception {
		Path rules = Files.writeString(this.dir.resolve("blackhole" + host + ".nft"), """
				table inet hello_blackhole {
				    chain in {
				        type filter hook input priority 0; policy drop;
				    }
				    chain out {
				        type filter hook output priority 0; policy drop;
				    }
				}
				""");
		Commands.run(COMMAND_TIMEOUT, this.ip.toString(), "netns", "exec", namespace(host), this.nft.toString(), "-f",
				rules.toString());
	}

	private void restore(int host) throws Exception {
		Commands.run(COMMAND_TIMEOUT, this.ip.toString(), "netns", "exec", namespace(host), this.nft.toString(),
				"delete", "table", "inet", "hello_blackhole");
	}

	private void removeNamespaces() throws Exception {
		List<String> existing = List.of(Commands.run(COMMAND_TIMEOUT, this.ip.toString(), "netns", "list").split("\n"));
		for (int host = HOSTS; host >= 0; host--) {
			String namespace = (host == 0) ? PROXY : namespace(host);
			if (existing.stream().anyMatch((line) -> line.equals(namespace) || line.startsWith(namespace + " "))) {
				ip("netns", "delete", namespace);
			}
		}
	}

	private void ip(String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of(this.ip.toString()));
		command.addAll(List.of(args));
		Commands.run(COMMAND_TIMEOUT, command);
	}

	private static String namespace(int host) {
		return NAMESPACES + "h" + host;
	}

	private static String address(int host) {
		return NETWORK + (10 + host);
	}

}
