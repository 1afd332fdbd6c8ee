package com.example.hello;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A test-only endpoint that fails, so that the tests can see what a client gets for a
 * server error in each profile.
 */
@TestConfiguration(proxyBeanMethods = false)
class FailingEndpoint {

	static final String PATH = "/test/failure";

	static final String SECRET = "secret detail of the failure";

	@RestController
	static class FailingController {

		@GetMapping(PATH)
		String fail() {
			throw new IllegalStateException(SECRET);
		}

	}

}
