package com.example.hello.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The {@code http.server.requests} timers, with the tags of Spring's own instrumentation:
 * method, route template ({@code uri}), status, outcome and exception. One timer per tag
 * combination is kept in a map, so each request costs a lookup and a record. The
 * combinations are few: route templates, not paths, and methods outside the standard ones
 * count as {@code UNKNOWN}.
 */
class RequestTimers {

	static final String METRIC = "http.server.requests";

	private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
			"TRACE");

	private final MeterRegistry registry;

	private final ConcurrentMap<Key, Timer> timers = new ConcurrentHashMap<>();

	RequestTimers(MeterRegistry registry) {
		this.registry = registry;
	}

	void record(String method, String uri, int status, String exception, long nanos) {
		Key key = new Key(METHODS.contains(method) ? method : "UNKNOWN", uri, status, exception);
		Timer timer = this.timers.get(key);
		if (timer == null) {
			timer = this.timers.computeIfAbsent(key, this::register);
		}
		timer.record(nanos, TimeUnit.NANOSECONDS);
	}

	private Timer register(Key key) {
		return Timer.builder(METRIC)
			.description("Requests answered, by the servlet pipeline or before it")
			.tag("method", key.method())
			.tag("uri", key.uri())
			.tag("status", Integer.toString(key.status()))
			.tag("outcome", outcome(key.status()))
			.tag("exception", key.exception())
			.register(this.registry);
	}

	private static String outcome(int status) {
		if (status < 200) {
			return "INFORMATIONAL";
		}
		if (status < 300) {
			return "SUCCESS";
		}
		if (status < 400) {
			return "REDIRECTION";
		}
		return (status < 500) ? "CLIENT_ERROR" : (status < 600) ? "SERVER_ERROR" : "UNKNOWN";
	}

	private record Key(String method, String uri, int status, String exception) {
	}

}
