package com.example.hello.support;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.ModelAndView;

/**
 * Test-only endpoints: a failure, a large response, an echo, a slow answer, requests that
 * answer only together, the serving thread and a template of the test's own, so that
 * tests can see how the server behaves for each.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestEndpoints {

	public static final String FAILURE = "/test/failure";

	public static final String SECRET = "secret detail of the failure";

	/** The view {@link #RELOAD} renders: a template a test writes, under templates/. */
	public static final String RELOAD_VIEW = "test/reload";

	public static final String RELOAD = "/test/reload";

	/** How long a request of {@code /test/together} waits for the others. */
	public static final Duration TOGETHER_TIMEOUT = Duration.ofSeconds(10);

	@RestController
	static class Endpoints {

		@GetMapping(FAILURE)
		String fail() {
			throw new IllegalStateException(SECRET);
		}

		@GetMapping("/test/large")
		byte[] large(@RequestParam int bytes) {
			byte[] body = new byte[bytes];
			Arrays.fill(body, (byte) 'x');
			return body;
		}

		@PostMapping("/test/echo")
		String echo(@RequestBody String body) {
			return body;
		}

		/** A form field, read as the servlet request decodes it. */
		@PostMapping("/test/form")
		String form(@RequestParam String name) {
			return name;
		}

		private final AtomicInteger sleeping = new AtomicInteger();

		private final Map<String, CountDownLatch> groups = new ConcurrentHashMap<>();

		@GetMapping("/test/slow")
		String slow(@RequestParam long millis) throws InterruptedException {
			this.sleeping.incrementAndGet();
			try {
				Thread.sleep(millis); // this endpoint's purpose: a slow request
			}
			finally {
				this.sleeping.decrementAndGet();
			}
			return "slept " + millis;
		}

		/**
		 * How many {@code /test/slow} requests are running now: how a test sees that the
		 * service has started handling its slow request.
		 */
		@GetMapping("/test/slow/running")
		String running() {
			return String.valueOf(this.sleeping.get());
		}

		/**
		 * Answers once {@code parties} requests of the same {@code group} are all being
		 * handled at the same time, or after {@link #TOGETHER_TIMEOUT} with how many had
		 * arrived. When every one answers "together", all were running at once: proof
		 * without timing that the server runs that many requests at the same time.
		 */
		@GetMapping("/test/together")
		String together(@RequestParam String group, @RequestParam int parties) throws InterruptedException {
			CountDownLatch arrivals = this.groups.computeIfAbsent(group, (key) -> new CountDownLatch(parties));
			arrivals.countDown();
			if (arrivals.await(TOGETHER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				return "together " + parties;
			}
			return "only " + (parties - arrivals.getCount()) + " of " + parties + " arrived within " + TOGETHER_TIMEOUT;
		}

		@GetMapping("/test/thread")
		String thread() {
			return Thread.currentThread().toString();
		}

		/** What the servlet API says about the client and the URL it used. */
		@GetMapping("/test/client")
		String client(HttpServletRequest request) {
			return "remoteAddr=" + request.getRemoteAddr() + " scheme=" + request.getScheme() + " secure="
					+ request.isSecure() + " url=" + request.getRequestURL() + " xff="
					+ request.getHeader("X-Forwarded-For");
		}

		@GetMapping(RELOAD)
		ModelAndView reload() {
			return new ModelAndView(RELOAD_VIEW);
		}

		@GetMapping("/test/redirect")
		void redirect(HttpServletResponse response) throws IOException {
			response.sendRedirect("/about");
		}

	}

}
