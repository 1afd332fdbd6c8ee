package com.example.hello.server;

import java.util.List;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import com.example.hello.settings.InvalidSettingException;

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
record BindProperties(List<BindAddress> bind, @DefaultValue UnixSocket unixSocket) {

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
	 * @param warmUp Whether to serve a few requests to the service itself, through the
	 * Unix sockets' pipeline on a private socket, before the socket files are created: a
	 * restarted instance of several behind nginx then gets no request while it is cold.
	 * Start-up takes that much longer.
	 */
	record UnixSocket(@DefaultValue("0660") String mode, String group, @DefaultValue("false") boolean warmUp) {

		private static final Pattern MODE = Pattern.compile("0[0-7]{3}");

		UnixSocket {
			if (mode == null || !MODE.matcher(mode).matches()) {
				throw new InvalidSettingException("server.unix-socket.mode", (mode != null) ? mode : "",
						"must be an octal file mode with its leading 0, such as 0660",
						"write all four digits, and quote them in YAML: '0660'");
			}
		}

		int modeBits() {
			return Integer.parseInt(this.mode, 8);
		}

	}

}
