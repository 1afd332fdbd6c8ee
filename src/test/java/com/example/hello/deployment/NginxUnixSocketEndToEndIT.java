package com.example.hello.deployment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.example.hello.HelloApplication;
import com.example.hello.support.HttpTestClient;

/**
 * The production default: nginx's {@code sites-available/hello.conf} in front of the
 * service's Unix socket.
 */
class NginxUnixSocketEndToEndIT extends NginxEndToEndIT {

	private Path socket;

	@Override
	protected String site() {
		return "hello.conf";
	}

	@Override
	protected Map<String, String> startService(Path directory, Map<String, Object> settings) throws IOException {
		this.socket = SocketDirectories.create(directory, "hello").resolve("hello.sock");
		Map<String, Object> all = new HashMap<>(settings);
		all.put("server.bind", "unix:" + this.socket);
		all.putAll(SocketDirectories.groupSettings());
		setService(HelloApplication.start(all, "prod"));
		return Map.of("/run/hello/hello.sock", this.socket.toString());
	}

	@Override
	protected HttpTestClient direct() {
		return HttpTestClient.unix(this.socket);
	}

	@Override
	protected String directListener() {
		return "unix:" + this.socket;
	}

}
