package com.example.hello.http;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

import com.example.hello.settings.InvalidSettingException;

/**
 * What one request may be and how long a client may take, on TCP and Unix sockets alike:
 * Gunicorn's {@code limit_request_*} and timeouts.
 *
 * @param limits The largest request the service reads.
 * @param timeouts How long a slow or idle client may hold a connection.
 */
@ConfigurationProperties("hello.http")
record HttpProperties(@DefaultValue Limits limits, @DefaultValue Timeouts timeouts) {

	/** Stops start-up with one line for the first setting that cannot work. */
	void validate(Environment environment) {
		this.limits.validate(environment);
		this.timeouts.validate(environment);
	}

	/** The value as the deployer wrote it ({@code 0s}, not {@code PT0S}). */
	private static Object asSet(Environment environment, String property, Object bound) {
		String raw = environment.getProperty(property);
		if (raw != null) {
			return raw;
		}
		if (bound instanceof Duration duration) {
			return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
		}
		return bound;
	}

	/**
	 * The largest request the service reads; anything larger gets its status and the
	 * connection is closed.
	 *
	 * @param requestLine Longest request line (method, target and version), in bytes, as
	 * Gunicorn's limit_request_line: longer gets 414.
	 * @param headerFields Most header fields in one request, as Gunicorn's
	 * limit_request_fields: more gets 431.
	 * @param headerFieldSize Largest header field (name, colon and value), as Gunicorn's
	 * limit_request_field_size: larger gets 431.
	 * @param body Largest request body, as the shipped nginx's client_max_body_size:
	 * larger gets 413.
	 * @param bodyBuffer How much of a request body the I/O thread reads ahead before a
	 * request thread takes the request, in whole I/O buffers
	 * (server.undertow.buffer-size) and at least one: a body that fits is read in full
	 * first, so that no request thread ever waits for it; a larger one gets a request
	 * thread once this much has arrived. What each connection sending a body may hold in
	 * memory, as one with a partial head holds one buffer. 0 hands every body to a
	 * request thread at once.
	 */
	record Limits(@DefaultValue("4094") int requestLine, @DefaultValue("100") int headerFields,
			@DefaultValue("8190B") DataSize headerFieldSize, @DefaultValue("10MB") DataSize body,
			@DefaultValue("16KB") DataSize bodyBuffer) {

		static final String PREFIX = "hello.http.limits.";

		/**
		 * The most {@code body-buffer} may be: what one connection may hold in memory.
		 */
		static final long MAX_BODY_BUFFER = 1024 * 1024;

		void validate(Environment environment) {
			atLeast(environment, "request-line", this.requestLine, 64, "a number of bytes such as 4094");
			atLeast(environment, "header-fields", this.headerFields, 1, "a number of fields such as 100");
			atLeast(environment, "header-field-size", this.headerFieldSize.toBytes(), 64, "a size such as 8190B");
			atLeast(environment, "body", this.body.toBytes(), 0, "a size such as 10MB");
			atLeast(environment, "body-buffer", this.bodyBuffer.toBytes(), 0, "a size such as 16KB");
			if (this.bodyBuffer.toBytes() > MAX_BODY_BUFFER) {
				throw new InvalidSettingException(PREFIX + "body-buffer",
						asSet(environment, PREFIX + "body-buffer", this.bodyBuffer),
						"must be at most 1MB, as each connection sending a body may hold that much",
						"set it to a size such as 16KB");
			}
		}

		/**
		 * The most a request's head (request line and header fields) can take within
		 * these limits: the buffer Undertow's parser may fill before hello's own checks.
		 */
		long headSize() {
			return this.requestLine + 2 + this.headerFields * (this.headerFieldSize.toBytes() + 2) + 2;
		}

		/**
		 * The most header fields Undertow's parser takes before it refuses a head with a
		 * bare 400: ten times the limit, so that a head with too many fields, up to
		 * there, is answered by hello's own checks with 431.
		 */
		int parserHeaderFields() {
			return (int) Math.min(Integer.MAX_VALUE, this.headerFields * 10L);
		}

		private static void atLeast(Environment environment, String name, long value, long min, String example) {
			if (value < min) {
				throw new InvalidSettingException(PREFIX + name, asSet(environment, PREFIX + name, value),
						"must be at least " + min + ((min > 1) ? " bytes" : ""), "set it to " + example);
			}
		}

	}

	/**
	 * How long a client may take. Each must be positive, and idle at most read.
	 *
	 * @param idle How long a kept-alive connection may wait for its next request. Longer
	 * than nginx's upstream keepalive_timeout (60s), so that the service never closes a
	 * connection nginx is about to reuse. At most read, which runs while a connection
	 * waits for its next request too.
	 * @param requestHeaders How long a client may take to send a request's line and
	 * header fields once it started: a slowloris client is cut off after it.
	 * @param read How long a read may wait for the client's next bytes, a request body
	 * included.
	 * @param write How long a write may wait for a client that does not read its
	 * response.
	 * @param requestBody How long a client may take to send a request's whole body once
	 * its head has arrived, however it trickles: a body still incomplete then gets 408 if
	 * no request thread has taken it yet, and its connection is closed in any case.
	 */
	record Timeouts(@DefaultValue("75s") Duration idle, @DefaultValue("20s") Duration requestHeaders,
			@DefaultValue("75s") Duration read, @DefaultValue("60s") Duration write,
			@DefaultValue("20s") Duration requestBody) {

		static final String PREFIX = "hello.http.timeouts.";

		void validate(Environment environment) {
			positive(environment, "idle", this.idle);
			positive(environment, "request-headers", this.requestHeaders);
			positive(environment, "read", this.read);
			positive(environment, "write", this.write);
			positive(environment, "request-body", this.requestBody);
			if (this.idle.compareTo(this.read) > 0) {
				idleLongerThanRead(environment);
			}
		}

		/**
		 * Undertow's read timeout is armed whenever reads resume, so it also closes a
		 * connection that waits for its next request: an idle longer than read would
		 * never be reached. Names the one the deployer set, read unless only idle was.
		 */
		private void idleLongerThanRead(Environment environment) {
			String idle = PREFIX + "idle";
			String read = PREFIX + "read";
			Object idleSet = asSet(environment, idle, this.idle);
			Object readSet = asSet(environment, read, this.read);
			if (environment.containsProperty(idle) && !environment.containsProperty(read)) {
				throw new InvalidSettingException(idle, idleSet,
						"must be at most " + read + " (" + readSet + "), which also closes an idle connection",
						"lower it, or raise " + read + " with it");
			}
			throw new InvalidSettingException(read, readSet,
					"must be at least " + idle + " (" + idleSet + "), as it also closes an idle connection",
					"raise it, or lower " + idle + " with it");
		}

		private static void positive(Environment environment, String name, Duration value) {
			if (value.toMillis() <= 0 || value.toMillis() > Integer.MAX_VALUE) {
				throw new InvalidSettingException(PREFIX + name, asSet(environment, PREFIX + name, value),
						"must be at least 1ms and at most 24d", "set it to a duration such as 30s");
			}
		}

	}

}
