package com.example.hello.server;

import java.nio.file.Path;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The access log: one line per request, with the client address as resolved from trusted
 * proxies.
 *
 * @param enabled whether requests are logged
 * @param directory where daily files {@code access.log} go; none means standard output,
 * which journald collects under systemd
 * @param pattern an Undertow access log pattern; the default gives client address, time,
 * request line, status, bytes sent and duration
 */
@ConfigurationProperties("hello.access-log")
@Validated
record AccessLogProperties(boolean enabled, Path directory,
		@DefaultValue("%a %t \"%r\" %s %b %Dms") @NotBlank String pattern) {

}
