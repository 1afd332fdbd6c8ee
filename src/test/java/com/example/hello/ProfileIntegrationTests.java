package com.example.hello;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.thymeleaf.spring6.templateresolver.SpringResourceTemplateResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks every profile passes, over real HTTP to the real Undertow listener. Each
 * profile's test class adds what is its own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(FailingEndpoint.class)
abstract class ProfileIntegrationTests {

	@Autowired
	protected TestRestTemplate rest;

	@Autowired
	protected SpringResourceTemplateResolver templateResolver;

	@LocalServerPort
	private int port;

	/** The profile marker the layout must show. */
	protected abstract String profile();

	/** The {@code id} of the {@code <main>} element of this profile's index page. */
	protected abstract String indexPage();

	@Test
	void answersHelloWorld() {
		ResponseEntity<String> response = this.rest.getForEntity("/hello", String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_PLAIN)).isTrue();
		assertThat(response.getBody()).isEqualTo("Hello World!");
	}

	@Test
	void rootRendersThisProfilesIndexPage() {
		ResponseEntity<String> response = html("/");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).contains("<main id=\"" + indexPage() + "\">");
	}

	@Test
	void everyPageShowsTheActiveProfile() {
		for (String path : List.of("/", "/about", "/no-such-page")) {
			assertThat(html(path).getBody()).as(path).contains("data-profile=\"" + profile() + "\"");
		}
	}

	@Test
	void rendersTheAboutPage() {
		ResponseEntity<String> response = html("/about");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).contains("<main id=\"about\">");
	}

	@Test
	void answersAMissingPageWithThe404Page() {
		ResponseEntity<String> response = html("/no-such-page");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(response.getBody()).contains("<main id=\"not-found\"", "/no-such-page");
	}

	@Test
	void answersAServerErrorWithThe5xxPage() {
		ResponseEntity<String> response = html(FailingEndpoint.PATH);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(response.getBody()).contains("<main id=\"server-error\"");
	}

	@Test
	void keepsServingAfterBadRequests() {
		assertThat(this.rest.postForEntity("/hello", "x", String.class).getStatusCode())
			.isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
		assertThat(html("/Not.A.Page").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(rawExchange("GET /about?x=%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
			.startsWith("HTTP/1.1 400 ");
		assertThat(rawExchange("NONSENSE\r\n\r\n")).startsWith("HTTP/1.1 400 ");
		assertThat(this.rest.getForObject("/hello", String.class)).isEqualTo("Hello World!");
	}

	@Test
	void neverNamesTheServerSoftware() {
		for (String path : List.of("/hello", "/", "/no-such-page", FailingEndpoint.PATH)) {
			HttpHeaders headers = html(path).getHeaders();
			assertThat(headers.containsKey(HttpHeaders.SERVER)).as(path).isFalse();
			assertThat(headers.containsKey("X-Powered-By")).as(path).isFalse();
		}
	}

	/** Sends bytes as they are, for requests no HTTP client library would send. */
	protected String rawExchange(String request) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			socket.shutdownOutput();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	protected ResponseEntity<String> html(String path) {
		HttpHeaders headers = new HttpHeaders();
		headers.setAccept(List.of(MediaType.TEXT_HTML));
		return this.rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
	}

	protected ResponseEntity<String> json(String path) {
		HttpHeaders headers = new HttpHeaders();
		headers.setAccept(List.of(MediaType.APPLICATION_JSON));
		return this.rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
	}

	/** The stylesheet the layout links to, as the page names it. */
	protected String stylesheetPath() {
		String page = html("/about").getBody();
		int start = page.indexOf("href=\"/pages/site");
		assertThat(start).as("stylesheet link").isNotNegative();
		return page.substring(start + 6, page.indexOf('"', start + 6));
	}

	protected void assertNoErrorDetails(ResponseEntity<String> response) {
		assertThat(response.getBody()).doesNotContain(FailingEndpoint.SECRET, "IllegalStateException", "\tat ",
				"java.lang", "trace");
	}

}
