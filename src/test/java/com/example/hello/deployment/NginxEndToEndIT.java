package com.example.hello.deployment;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import com.example.hello.support.HttpTestClient;
import com.example.hello.support.HttpTestClient.Response;
import com.example.hello.support.TestEndpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service in its prod profile behind Debian's nginx with a shipped site: what a
 * client sees, and what the service sees of the client. Each subclass runs one site.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class NginxEndToEndIT {

	/**
	 * A client address that is not nginx's (127.0.0.1), so the tests can tell them apart.
	 */
	protected static final String CLIENT = "127.0.0.2";

	protected Path directory;

	protected Path accessLogs;

	protected TestCertificate certificate;

	protected Nginx nginx;

	private ConfigurableApplicationContext service;

	/** Starts the service; returns the replacements that point the site at it. */
	protected abstract Map<String, String> startService(Path directory, Map<String, Object> settings)
			throws IOException;

	protected abstract String site();

	/** A client that talks to the service directly, bypassing nginx. */
	protected abstract HttpTestClient direct();

	/** The listener nginx reaches the service on, as the access log names it. */
	protected abstract String directListener();

	protected void setService(ConfigurableApplicationContext service) {
		this.service = service;
	}

	@BeforeAll
	void startServiceAndNginx() throws Exception {
		Nginx.binary();
		this.directory = Files.createTempDirectory("hello-e2e");
		Files.setPosixFilePermissions(this.directory, PosixFilePermissions.fromString("rwxr-xr-x"));
		this.accessLogs = Files.createDirectory(this.directory.resolve("access-logs"));
		this.certificate = TestCertificate.create(this.directory);
		Map<String, Object> settings = Map.of("spring.main.sources", TestEndpoints.class.getName(),
				"hello.access-log.directory", this.accessLogs);
		Map<String, String> replacements = startService(this.directory, settings);
		this.nginx = Nginx.render(Files.createDirectory(this.directory.resolve("nginx")), site(), replacements,
				this.certificate);
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

	/**
	 * The URL a client uses for nginx's plain HTTP listener; the service must see the
	 * same.
	 */
	private String nginxUrl() {
		return "http://localhost:" + this.nginx.httpPort();
	}

	protected HttpTestClient throughNginx() {
		return HttpTestClient.tcp(this.nginx.httpPort());
	}

	@Test
	void servesHelloPagesAndThe404Page() {
		assertThat(throughNginx().get("/hello").body()).isEqualTo("Hello World!");
		Response index = throughNginx().get("/", "Accept: text/html");
		assertThat(index.status()).isEqualTo(200);
		assertThat(index.body()).contains("<main id=\"index\">").doesNotContain("data-profile");
		assertThat(throughNginx().get("/about").body()).contains("<main id=\"about\">");
		Response missing = throughNginx().get("/no-such-page", "Accept: text/html");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.body()).contains("<main id=\"not-found\"").doesNotContain("Exception");
	}

	@Test
	void servesStaticFilesWithLongCaching() {
		String page = throughNginx().get("/about").body();
		int start = page.indexOf("/pages/site-");
		String stylesheet = page.substring(start, page.indexOf('"', start));
		Response css = throughNginx().get(stylesheet);
		assertThat(css.status()).isEqualTo(200);
		assertThat(css.header("Content-Type")).startsWith("text/css");
		assertThat(css.header("Cache-Control")).isEqualTo("max-age=31536000, public");
	}

	@Test
	void theServiceSeesTheClientsAddressNotNginxs() {
		assertThat(throughNginx().from(CLIENT).get("/test/client").body()).isEqualTo(
				"remoteAddr=" + CLIENT + " scheme=http secure=false url=" + nginxUrl() + "/test/client xff=null");
	}

	@Test
	void theServiceSeesHttpsWhenNginxTerminatesTls() throws Exception {
		HttpClient client = HttpClient.newBuilder()
			.sslContext(this.certificate.trustingIt())
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		String base = "https://localhost:" + this.nginx.httpsPort();
		HttpResponse<String> seen = client.send(
				HttpRequest.newBuilder(URI.create(base + "/test/client")).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(seen.body())
			.isEqualTo("remoteAddr=127.0.0.1 scheme=https secure=true url=" + base + "/test/client xff=null");
		HttpResponse<String> redirect = client.send(
				HttpRequest.newBuilder(URI.create(base + "/test/redirect")).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(redirect.statusCode()).isEqualTo(302);
		assertThat(redirect.headers().firstValue("Location")).contains(base + "/about");
	}

	@Test
	void aClientCannotReplaceItsAddressThroughNginx() {
		Response response = throughNginx().from(CLIENT)
			.get("/test/client", "X-Forwarded-For: 6.6.6.6", "X-Real-IP: 6.6.6.6", "X-Forwarded-Proto: https",
					"X-Forwarded-Host: evil.example", "Forwarded: for=6.6.6.6;proto=https");
		assertThat(response.body()).isEqualTo(
				"remoteAddr=" + CLIENT + " scheme=http secure=false url=" + nginxUrl() + "/test/client xff=null");
	}

	@Test
	void nginxRefusesAsTheServiceWouldAndPassesTheServicesOwnRefusals() {
		// nginx's own 501, for a transfer coding it does not implement, is 400
		Response unreadable = throughNginx().exchange("GET /he llo HTTP/1.1\r\nHost: x\r\n\r\n");
		assertThat(unreadable.status()).isEqualTo(400);
		assertStyledNginxPage(unreadable, "400: bad request");
		Response coding = throughNginx()
			.exchange("POST /test/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n0\r\n\r\n");
		assertThat(coding.status()).isEqualTo(400);
		// a version nginx would serve as HTTP/1.1
		assertThat(throughNginx().exchange("GET /hello HTTP/1.2\r\nHost: x\r\n\r\n").status()).isEqualTo(505);
		// the service's own 501, for a method it does not serve, passes as sent
		Response method = throughNginx().exchange("FOO /hello HTTP/1.1\r\nHost: x\r\n\r\n");
		assertThat(method.status()).isEqualTo(501);
		assertThat(method.body()).isEqualTo("501 Not Implemented\n");
	}

	/**
	 * What nginx answers itself it answers with a small page in the site's style, shipped
	 * with its configuration, not its bare one: a request it cannot read (400), a body
	 * larger than it takes (413), a version it does not serve (505).
	 */
	@Test
	void nginxAnswersItsOwnErrorsWithStyledPages() {
		Response badRequest = throughNginx().exchange("GET /hello HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");
		assertThat(badRequest.status()).isEqualTo(400);
		assertStyledNginxPage(badRequest, "400: bad request");
		Response coding = throughNginx()
			.exchange("POST /test/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n0\r\n\r\n");
		assertStyledNginxPage(coding, "400: bad request");
		Response tooLarge = throughNginx().exchange(HttpTestClient.request("POST", "/test/echo",
				"Content-Type: text/plain", "Content-Length: " + (11 * 1024 * 1024)));
		assertThat(tooLarge.status()).isEqualTo(413);
		assertStyledNginxPage(tooLarge, "413: request too large");
		Response trace = throughNginx().exchange("TRACE /hello HTTP/1.1\r\nHost: x\r\n\r\n");
		assertThat(trace.status()).isEqualTo(405);
		assertThat(trace.header("Allow"))
			.isEqualTo(direct().exchange(HttpTestClient.request("OPTIONS", "/hello")).header("Allow"));
		assertStyledNginxPage(trace, "405: method not allowed");
		Response version = throughNginx().exchange("GET /hello HTTP/1.2\r\nHost: x\r\n\r\n");
		assertThat(version.status()).isEqualTo(505);
		assertStyledNginxPage(version, "505: http version not supported");
	}

	/** One of the pages of nginx's own errors that hello-proxy.conf ships. */
	static void assertStyledNginxPage(Response response, String heading) {
		assertThat(response.header("Content-Type")).as("a page of nginx's").startsWith("text/html");
		assertThat(response.body()).as("a page of nginx's")
			.startsWith("<!DOCTYPE html>")
			.contains("<html lang=\"en\">", "<style>", "<main id=\"nginx-error\"><h1>" + heading + "</h1>",
					"<a href=\"/\">hello</a>")
			.doesNotContain("<center>", "<hr>", "nginx/");
	}

	@Test
	void theActuatorIsClosedThroughNginxButOpenToOperators() {
		for (String path : List.of("/actuator", "/actuator/health", "/actuator/health/readiness",
				"/actuator/health/liveness", "/ACTUATOR/health", "/actuator/prometheus", "/actuator/prometheus/",
				"/%61ctuator/prometheus", "/./actuator/prometheus", "//actuator/prometheus")) {
			assertThat(throughNginx().get(path).status()).as(path).isEqualTo(404);
		}
		// nginx's own 404 (a path in another case reaches hello, which has no such page)
		for (String path : List.of("/actuator", "/actuator/health", "/actuator/prometheus")) {
			assertStyledNginxPage(throughNginx().get(path), "404: page not found");
		}
		Response readiness = direct().get("/actuator/health/readiness");
		assertThat(readiness.status()).isEqualTo(200);
		assertThat(readiness.body()).isEqualTo("{\"status\":\"UP\"}");
		assertThat(direct().get("/actuator/health/liveness").body()).isEqualTo("{\"status\":\"UP\"}");
		Response metrics = direct().get("/actuator/prometheus");
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("http_server_requests_seconds_count");
	}

	@Test
	void theAccessLogShowsTheRealClient() throws Exception {
		String probe = UUID.randomUUID().toString();
		assertThat(throughNginx().from(CLIENT).get("/about?probe=" + probe).status()).isEqualTo(200);
		String line = awaitAccessLogLine(probe);
		assertThat(line).startsWith(CLIENT + " [").contains("\"GET /about?probe=" + probe + " HTTP/1.1\" 200 ");
		assertThat(line).matches(".* [0-9]+ms " + Pattern.quote(directListener()) + "$");
	}

	private String awaitAccessLogLine(String text) {
		Path log = this.accessLogs.resolve("access.log");
		return await("an access log line with " + text + " in " + log).atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> accessLogLine(log, text), Optional::isPresent)
			.get();
	}

	private static Optional<String> accessLogLine(Path log, String text) throws IOException {
		if (!Files.exists(log)) {
			return Optional.empty();
		}
		return Files.readAllLines(log).stream().filter((line) -> line.contains(text)).findFirst();
	}

}
