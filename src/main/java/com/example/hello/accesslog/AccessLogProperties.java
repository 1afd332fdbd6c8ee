package com.example.hello.accesslog;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import com.example.hello.settings.InvalidSettingException;

/**
 * The access log: one line per request, with the client address as resolved from trusted
 * proxies.
 *
 * @param enabled Whether to log one line per request.
 * @param directory Directory for daily access.log files. Unset means standard output,
 * which journald collects under systemd. Shortcut: HELLO_ACCESS_LOG_DIR.
 * @param format Text, as the pattern says, or JSON, one object per line with the same
 * fields. Unset means JSON when the application log is structured
 * (logging.structured.format.console), text otherwise. Shortcut: HELLO_ACCESS_LOG_FORMAT.
 * @param pattern Undertow access log pattern of the text form. The default gives client
 * address, time, request line, status, bytes sent, duration and listener (%{listener}).
 * @param queueCapacity Lines that may wait for the writer. Requests never wait for the
 * access log: when this many lines are waiting, further ones are dropped and counted in a
 * warning.
 */
@ConfigurationProperties("hello.access-log")
record AccessLogProperties(boolean enabled, Path directory, Format format,
		@DefaultValue("%a %t \"%r\" %s %b %Dms %{listener}") String pattern, @DefaultValue("65536") int queueCapacity) {

	AccessLogProperties {
		if (pattern == null || pattern.isBlank()) {
			throw new InvalidSettingException("hello.access-log.pattern", (pattern != null) ? pattern : "",
					"must not be blank",
					"set an Undertow access log pattern such as %a %t \"%r\" %s, or remove it for the default");
		}
		if (queueCapacity < 1) {
			throw new InvalidSettingException("hello.access-log.queue-capacity", queueCapacity, "must be at least 1",
					"set a number of lines such as 65536");
		}
	}

	/** The form of each line. */
	enum Format {

		/** As {@code pattern} says. */
		TEXT,

		/** One JSON object per line. */
		JSON

	}

}
