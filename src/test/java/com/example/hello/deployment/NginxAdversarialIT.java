package com.example.hello.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import com.example.hello.HelloApplication;
import com.example.hello.support.HttpTestClient;
import com.example.hello.support.TestEndpoints;
import com.example.hello.adversarial.AdversarialCases;
import com.example.hello.adversarial.AdversarialCases.Transport;
import com.example.hello.adversarial.AdversarialSuite;

/**
 * The adversarial suite through the shipped nginx site in front of the prod service's
 * Unix socket, as deployed, but for nginx's client timeouts, as short as the service's
 * here so that the slow clients are quick.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NginxAdversarialIT {

	private Path directory;

	private ConfigurableApplicationContext service;

	private Nginx nginx;

	@BeforeAll
	void startServiceAndNginx() throws Exception {
		Nginx.binary();
		this.directory = Files.createTempDirectory("hello-adversarial");
		Files.setPosixFilePermissions(this.directory, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path socket = SocketDirectories.create(this.directory, "hello").resolve("hello.sock");
		Map<String, Object> settings = new HashMap<>(AdversarialCases.TIMEOUTS);
		settings.put("spring.main.sources", TestEndpoints.class.getName());
		settings.put("hello.access-log.directory", Files.createDirectory(this.directory.resolve("access-logs")));
		settings.put("server.bind", "unix:" + socket);
		settings.putAll(SocketDirectories.groupSettings());
		this.service = HelloApplication.start(settings, "prod");
		Map<String, String> replacements = new HashMap<>(AdversarialCases.NGINX_TIMEOUTS);
		replacements.put("/run/hello/hello.sock", socket.toString());
		this.nginx = Nginx.render(Files.createDirectory(this.directory.resolve("nginx")), "hello.conf", replacements,
				TestCertificate.create(this.directory));
		this.nginx.test();
		this.nginx.start();
	}

	@AfterAll
	void stopNginxAndService() throws IOException {
		if (this.nginx != null) {
			this.nginx.close();
		}
		if (this.service != null) {
			this.service.close();
		}
		if (this.directory != null) {
			FileSystemUtils.deleteRecursively(this.directory);
		}
	}

	@TestFactory
	Stream<DynamicNode> throughNginx() {
		return AdversarialSuite.tests(Transport.NGINX, HttpTestClient.tcp(this.nginx.httpPort()),
				HttpTestClient.tcp(this.nginx.httpPort()));
	}

}
