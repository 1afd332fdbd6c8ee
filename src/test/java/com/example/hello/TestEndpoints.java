package com.example.hello;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Test-only endpoints: a failure, a large response, an echo, a slow answer and the
 * serving thread, so that tests can see how the server behaves for each.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestEndpoints {

	public static final String FAILURE = "/test/failure";

	public static final String SECRET = "secret detail of the failure";

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

		private final AtomicInteger sleeping = new AtomicInteger();

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
		String sleeping() {
			return String.valueOf(this.sleeping.get());
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

		@GetMapping("/test/redirect")
		void redirect(HttpServletResponse response) throws IOException {
			response.sendRedirect("/about");
		}

	}

}
