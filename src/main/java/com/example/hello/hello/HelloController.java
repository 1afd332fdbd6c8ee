package com.example.hello.hello;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * One route that answers {@code Hello World!}. It is also the benchmark endpoint, so it
 * stays as lean as a Spring MVC handler can be.
 */
@RestController
class HelloController {

	static final String GREETING = "Hello World!";

	@GetMapping(path = "/hello", produces = MediaType.TEXT_PLAIN_VALUE)
	String hello() {
		return GREETING;
	}

}
