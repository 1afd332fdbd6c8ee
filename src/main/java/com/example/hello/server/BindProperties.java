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
 * @param bind Addresses to listen on, as Gunicorn's --bind: HOST:PORT, [IPv6]:PORT,
 * unix:PATH, or fd://0 for a listening socket inherited on standard input (systemd's
 * StandardInput=socket), comma-separated. When set, they replace server.address and
 * server.port.
 * @param unixSocket How Unix socket files are created.
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
	 * @param mode Octal file mode of each Unix socket, with its leading 0: who may
	 * connect.
	 * @param group Group each Unix socket is given, for example the one nginx runs in.
	 * Unset keeps the service user's primary group. Shortcut: HELLO_SOCKET_GROUP.
	 */
	record UnixSocket(@DefaultValue("0660") @NotNull @Pattern(regexp = "0[0-7]{3}",
			message = "must be an octal file mode with its leading 0, such as 0660 (in YAML, quote it: '0660')") String mode,
			String group) {

		int modeBits() {
			return Integer.parseInt(this.mode, 8);
		}

	}

}
