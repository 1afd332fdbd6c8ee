package com.example.hello;

import com.example.hello.support.TestEndpoints;
import com.example.hello.support.HttpTestClient;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.aop.config.AopConfigUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.client.RestClient;
import org.springframework.web.multipart.MultipartResolver;
import org.thymeleaf.spring6.templateresolver.SpringResourceTemplateResolver;

import com.example.hello.support.HttpTestClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks every profile passes, over real HTTP to the real Undertow listener. Each
 * profile's test class says how to reach it and adds what is its own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(TestEndpoints.class)
abstract class ProfileIntegrationTests {

	protected static final String HTML = "Accept: text/html";

	protected static final String JSON = "Accept: application/json";

	@Autowired
	protected SpringResourceTemplateResolver templateResolver;

	@Autowired
	private ApplicationContext context;

	/** A client for the listener this profile serves on. */
	protected abstract HttpTestClient client();

	/** The profile marker the layout must show, or {@code null} where it shows none. */
	protected abstract String profile();

	/** The {@code id} of the {@code <main>} element of this profile's index page. */
	protected abstract String indexPage();

	@Test
	void setsUpNoInfrastructureHelloHasNoJobFor() {
		// application.yml leaves these auto-configurations out: each bean costs start-up.
		for (Class<?> type : List.of(RestClient.Builder.class, RestTemplateBuilder.class,
				ThreadPoolTaskExecutorBuilder.class, ThreadPoolTaskSchedulerBuilder.class, MultipartResolver.class)) {
			assertThat(this.context.getBeanNamesForType(type)).as(type.getName()).isEmpty();
		}
		assertThat(this.context.containsBean("applicationTaskExecutor")).isFalse();
		assertThat(this.context.containsBean(AopConfigUtils.AUTO_PROXY_CREATOR_BEAN_NAME)).isFalse();
	}

	@Test
	void answersHelloWorld() {
		Response response = client().get("/hello");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Content-Type")).startsWith("text/plain");
		assertThat(response.body()).isEqualTo("Hello World!");
	}

	@Test
	void readsAFormThatNamesNoCharsetAsUtf8() {
		String form = "name=%C3%A9t%C3%A9";
		Response response = client().exchange(HttpTestClient.request("POST", "/test/form",
				"Content-Type: application/x-www-form-urlencoded", "Content-Length: " + form.length()) + form);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("\u00e9t\u00e9");
	}

	@Test
	void rootRendersThisProfilesIndexPage() {
		Response response = client().get("/", HTML);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("<main id=\"" + indexPage() + "\">");
	}

	@Test
	void everyPageShowsTheActiveProfileExceptInProd() {
		for (String path : List.of("/", "/about", "/no-such-page")) {
			String page = client().get(path, HTML).body();
			if (profile() != null) {
				assertThat(page).as(path).contains("data-profile=\"" + profile() + "\"");
			}
			else {
				assertThat(page).as(path).doesNotContain("data-profile", "profile:");
			}
		}
	}

	@Test
	void pagesAreInEnglishWhateverTheClientAsks() {
		for (String language : List.of("xx-YY", "fr-FR, de;q=0.8", "*", "")) {
			for (String path : List.of("/", "/about", "/no-such-page", TestEndpoints.FAILURE)) {
				Response response = (language.isEmpty()) ? client().get(path, HTML)
						: client().get(path, HTML, "Accept-Language: " + language);
				assertThat(response.header("Content-Language")).as(path + " for " + language).isIn("en", null);
				assertThat(response.body()).as(path).contains("<html lang=\"en\">");
			}
		}
		assertThat(client().get("/about", HTML, "Accept-Language: xx-YY").header("Content-Language")).isEqualTo("en");
	}

	@Test
	void allowIsTheSameOnA405AndOnOptionsTraceIncluded() {
		for (String path : List.of("/hello", "/", "/about", "/no-such-page", "/actuator/health", stylesheetPath())) {
			String options = client().exchange(HttpTestClient.request("OPTIONS", path)).header("Allow");
			assertThat(options).as("OPTIONS " + path).isEqualTo("GET,HEAD,OPTIONS");
			for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "TRACE")) {
				Response refused = client().exchange(HttpTestClient.request(method, path, "Content-Length: 0"));
				assertThat(refused.status()).as(method + " " + path).isEqualTo(405);
				assertThat(refused.header("Allow")).as(method + " " + path).isEqualTo(options);
			}
		}
	}

	@Test
	void servesAFaviconAndRobotsTxtAtTheRoot() {
		Response favicon = client().get("/favicon.ico");
		assertThat(favicon.status()).isEqualTo(200);
		assertThat(favicon.header("Content-Type")).isEqualTo("image/x-icon");
		assertThat(favicon.header("Cache-Control")).contains("max-age=86400");
		Response robots = client().get("/robots.txt");
		assertThat(robots.status()).isEqualTo(200);
		assertThat(robots.header("Content-Type")).startsWith("text/plain");
		assertThat(robots.body()).contains("User-agent: *");
		assertThat(client().get("/", HTML).body()).contains("<link rel=\"icon\" href=\"/favicon.ico\"")
			.doesNotContain("no-such-page");
	}

	@Test
	void rendersTheAboutPage() {
		Response response = client().get("/about", HTML);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("<main id=\"about\">");
	}

	@Test
	void sendsAPageInOnePieceWithItsLength() {
		Response response = client().get("/about", HTML);
		assertThat(response.header("Transfer-Encoding")).isNull();
		assertThat(response.header("Content-Length"))
			.isEqualTo(String.valueOf(response.body().getBytes(StandardCharsets.UTF_8).length));
	}

	@Test
	void answersAMissingPageWithThe404Page() {
		Response response = client().get("/no-such-page", HTML);
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.body()).contains("<main id=\"not-found\"", "/no-such-page");
	}

	@Test
	void answersAServerErrorWithThe5xxPage() {
		Response response = client().get(TestEndpoints.FAILURE, HTML);
		assertThat(response.status()).isEqualTo(500);
		assertThat(response.body()).contains("<main id=\"server-error\"");
	}

	@Test
	void keepsServingAfterBadRequests() {
		assertThat(client().exchange(HttpTestClient.request("POST", "/hello", "Content-Length: 0")).status())
			.isEqualTo(405);
		assertThat(client().get("/Not.A.Page", HTML).status()).isEqualTo(404);
		assertThat(client().get("/about?x=%zz").status()).isEqualTo(400);
		assertThat(client().exchange("NONSENSE\r\n\r\n").status()).isEqualTo(400);
		assertThat(client().get("/hello").body()).isEqualTo("Hello World!");
	}

	@Test
	void refusesAnUnknownVersionAndAFoldedLine() {
		assertThat(client().exchange("GET /hello HTTP/1.2\r\nHost: localhost\r\n\r\n").status()).isEqualTo(505);
		assertThat(client().exchange("GET /hello HTTP/1.1\r\nHost: localhost\r\nX-Folded: a\r\n b\r\n\r\n").status())
			.isEqualTo(400);
		assertThat(client().get("/hello").body()).isEqualTo("Hello World!");
	}

	@Test
	void neverNamesTheServerSoftware() {
		for (String path : List.of("/hello", "/", "/no-such-page", TestEndpoints.FAILURE)) {
			Response response = client().get(path, HTML);
			assertThat(response.header("Server")).as(path).isNull();
			assertThat(response.header("X-Powered-By")).as(path).isNull();
		}
	}

	@Test
	void pagesCarrySecurityHeaders() {
		for (String path : List.of("/", "/about", "/no-such-page", TestEndpoints.FAILURE, stylesheetPath())) {
			Response response = client().get(path, HTML);
			assertThat(response.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
			assertThat(response.header("Content-Security-Policy")).as(path)
				.contains("default-src 'none'", "style-src 'self'", "frame-ancestors 'none'")
				.doesNotContain("unsafe-inline", "script-src");
			assertThat(response.header("X-Frame-Options")).as(path).isEqualTo("DENY");
			assertThat(response.header("Referrer-Policy")).as(path).isEqualTo("strict-origin-when-cross-origin");
		}
	}

	@Test
	void helloStaysLean() {
		Response response = client().get("/hello");
		assertThat(response.headers().keySet()).as("headers of /hello")
			.doesNotContain("content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy",
					"set-cookie");
	}

	@Test
	void refusesTraceWithoutEchoingIt() {
		Response response = client().exchange("TRACE /hello HTTP/1.1\r\nHost: localhost\r\nCookie: s=echo-me\r\n\r\n");
		assertThat(response.status()).isEqualTo(405);
		assertThat(response.header("Allow")).doesNotContain("TRACE");
		assertThat(response.body()).isEqualTo("405 Method Not Allowed\n");
	}

	/** The stylesheet the layout links to, as the page names it. */
	protected String stylesheetPath() {
		String page = client().get("/about", HTML).body();
		int start = page.indexOf("href=\"/pages/site");
		assertThat(start).as("stylesheet link").isNotNegative();
		return page.substring(start + 6, page.indexOf('"', start + 6));
	}

	protected void assertNoErrorDetails(Response response) {
		assertThat(response.body()).doesNotContain(TestEndpoints.SECRET, "IllegalStateException", "\tat ", "java.lang",
				"trace");
	}

}
