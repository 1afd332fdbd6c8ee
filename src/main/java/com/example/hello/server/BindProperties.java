package com.example.hello.server;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the server listens, as Gunicorn's {@code --bind} says it.
 *
 * @param bind the addresses to listen on, {@code HOST:PORT} or {@code unix:PATH}; when
 * set, they replace {@code server.address} and {@code server.port}
 * @param unixSocket how Unix socket files are created
 */
@ConfigurationProperties("server")
@Validated
record BindProperties(List<BindAddress> bind, @Valid @DefaultValue UnixSocket unixSocket) {

	BindProperties {
		bind = (bind != null) ? List.copyOf(bind) : List.of();
	}

	/**
	 * Settings of the Unix socket files.
	 *
	 * @param mode the octal file mode of each socket: who may connect
	 * @param group the group each socket is given, for example the one nginx runs in;
	 * none keeps the service user's primary group
	 */
	record UnixSocket(@DefaultValue("0660") @NotNull @Pattern(regexp = "0[0-7]{3}",
			message = "must be an octal file mode with its leading 0, such as 0660 (in YAML, quote it: '0660')") String mode,
			String group) {

		int modeBits() {
			return Integer.parseInt(this.mode, 8);
		}

	}

}
