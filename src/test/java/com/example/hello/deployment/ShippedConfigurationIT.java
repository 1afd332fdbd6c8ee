package com.example.hello.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every file of the deployment kit is accepted by the tool that will read it: nginx for
 * the sites, systemd for the units.
 */
class ShippedConfigurationIT {

	private static final Path UNITS = Path.of("deploy", "systemd");

	@TempDir
	Path dir;

	@Test
	void everyShippedSitePassesNginxTest() throws Exception {
		TestCertificate certificate = TestCertificate.create(this.dir);
		Map<String, Map<String, String>> sites = Map.of("hello.conf",
				Map.of("/run/hello/hello.sock", this.dir.resolve("hello.sock").toString()), "hello-tcp.conf",
				Map.of("127.0.0.1:8080", "127.0.0.1:" + Nginx.freePort()), "hello-two-instances.conf",
				Map.of("/run/hello-1/hello.sock", this.dir.resolve("1.sock").toString(), "/run/hello-2/hello.sock",
						this.dir.resolve("2.sock").toString()),
				"hello-hosts.conf", Map.of("10.0.0.11:8080", "127.0.0.1:" + Nginx.freePort(), "10.0.0.12:8080",
						"127.0.0.1:" + Nginx.freePort(), "10.0.0.13:8080", "127.0.0.1:" + Nginx.freePort()));
		try (var shipped = Files.list(Nginx.SHIPPED.resolve("sites-available"))) {
			assertThat(shipped.map((path) -> path.getFileName().toString()))
				.containsExactlyInAnyOrderElementsOf(sites.keySet());
		}
		for (Map.Entry<String, Map<String, String>> site : sites.entrySet()) {
			Path prefix = Files.createDirectory(this.dir.resolve(site.getKey() + ".d"));
			String output = Nginx.render(prefix, site.getKey(), site.getValue(), certificate).test();
			assertThat(output).as(site.getKey()).contains("syntax is ok", "test is successful");
		}
	}

	/**
	 * What the adversarial suite shows through hello.conf holds for every site: nginx's
	 * own 501 becomes 400, and a version it would serve as HTTP/1.1 gets 505.
	 */
	@Test
	void everySiteRefusesWhatNginxWouldServeOrAnswerWith501() throws IOException {
		try (var shipped = Files.list(Nginx.SHIPPED.resolve("sites-available"))) {
			for (Path site : shipped.toList()) {
				assertThat(Files.readString(site)).as(site.getFileName().toString())
					.contains("error_page 501 =400 /.hello-errors/400;\n",
							"if ($server_protocol !~ \"^HTTP/(1\\.[01]|2\\.0|3\\.0)$\") {\n        return 505;\n",
							"include /etc/nginx/snippets/hello-proxy.conf;\n");
			}
		}
	}

	@Test
	void theSystemdUnitsPassSystemdAnalyzeVerify() throws Exception {
		Path systemdAnalyze = RequiredTool.find("systemd-analyze", "apt-get install -y systemd",
				"the check of the systemd units");
		Path units = Files.createDirectory(this.dir.resolve("units"));
		for (String unit : List.of("hello.service", "hello@.service", "hello.socket", "hello-activated.service",
				"hello-activated@.service")) {
			Files.copy(UNITS.resolve(unit), units.resolve(unit));
		}
		List<String> command = new ArrayList<>(List.of(systemdAnalyze.toString(), "verify"));
		command.add(units.resolve("hello.service").toString());
		command.add(units.resolve("hello@1.service").toString());
		command.add(units.resolve("hello.socket").toString());
		command.add(units.resolve("hello-activated.service").toString());
		command.add(units.resolve("hello-activated@1.service").toString());
		String output = Commands.run(Duration.ofSeconds(60), command);
		assertThat(output).as("systemd-analyze verify reports nothing").isBlank();
	}

	@Test
	void theSystemdUnitsRunTheProdProfileOnTheSocketsTheSitesUse() throws IOException {
		String single = Files.readString(UNITS.resolve("hello.service"));
		String instances = Files.readString(UNITS.resolve("hello@.service"));
		assertThat(single).contains("SPRING_PROFILES_ACTIVE=prod", "HELLO_SOCKET=/run/hello/hello.sock",
				"RuntimeDirectory=hello\n");
		assertThat(instances).contains("SPRING_PROFILES_ACTIVE=prod", "HELLO_SOCKET=/run/hello-%i/hello.sock",
				"RuntimeDirectory=hello-%i\n");
		String socket = Files.readString(UNITS.resolve("hello.socket"));
		String activated = Files.readString(UNITS.resolve("hello-activated@.service"));
		String restart = Files.readString(UNITS.resolve("hello-activated.service"));
		assertThat(socket).contains("ListenStream=/run/hello/hello.sock\n", "SocketMode=0660\n", "SocketGroup=hello\n",
				"Service=hello-activated.service\n");
		assertThat(activated)
			.contains("SPRING_PROFILES_ACTIVE=prod", "SERVER_BIND=fd://0", "StandardOutput=journal\n",
					"StandardError=journal\n", "Sockets=hello.socket\n", "Type=notify\n", "NotifyAccess=all\n")
			.as("the socket on standard input, never cleared of O_NONBLOCK while the other instance accepts")
			.contains("NonBlocking=yes\n", "<&3 3<&-")
			.doesNotContain("\nStandardInput=")
			.as("the socket's directory belongs to hello.socket")
			.doesNotContain("RuntimeDirectory=");
		assertThat(restart).as("the restart: start the other instance, then stop the running ones")
			.contains("Type=oneshot\n", "systemctl start \"$$next\"", "systemctl stop \"$$unit\"", "NonBlocking=yes\n")
			.doesNotContain("RemainAfterExit=yes");
		assertThat(instances).as("an instance of two warms up before nginx finds its socket")
			.contains("SERVER_UNIX_SOCKET_WARM_UP=true");
		assertThat(Files.readString(Nginx.SHIPPED.resolve("sites-available/hello.conf")))
			.contains("unix:/run/hello/hello.sock");
		assertThat(Files.readString(Nginx.SHIPPED.resolve("sites-available/hello-two-instances.conf")))
			.contains("unix:/run/hello-1/hello.sock", "unix:/run/hello-2/hello.sock");
	}

}
