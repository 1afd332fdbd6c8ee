package com.example.hello.deployment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.example.hello.HelloApplication;
import com.example.hello.support.HttpTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * nginx's {@code sites-available/hello-tcp.conf} in front of the service on a TCP port,
 * with only nginx's address trusted, so that other local clients cannot spoof.
 */
class NginxTcpEndToEndIT extends NginxEndToEndIT {

	private int port;

	@Override
	protected String site() {
		return "hello-tcp.conf";
	}

	@Override
	protected Map<String, String> startService(Path directory, Map<String, Object> settings) throws IOException {
		this.port = Nginx.freePort();
		Map<String, Object> all = new HashMap<>(settings);
		all.put("server.bind", "127.0.0.1:" + this.port);
		all.put("server.trusted-proxies", "127.0.0.1/32");
		setService(HelloApplication.start(all, "prod"));
		return Map.of("127.0.0.1:8080", "127.0.0.1:" + this.port);
	}

	@Override
	protected HttpTestClient direct() {
		return HttpTestClient.tcp(this.port);
	}

	@Override
	protected String directListener() {
		return "127.0.0.1:" + this.port;
	}

	@Test
	void aClientTalkingToTheServiceDirectlyCannotSpoofItsAddressSchemeOrHost() {
		String seen = direct().from(CLIENT)
			.get("/test/client", "X-Forwarded-For: 6.6.6.6", "X-Real-IP: 6.6.6.6", "X-Forwarded-Proto: https",
					"X-Forwarded-Host: evil.example", "X-Forwarded-Port: 443")
			.body();
		assertThat(seen)
			.isEqualTo("remoteAddr=" + CLIENT + " scheme=http secure=false url=http://localhost/test/client xff=null");
	}

}
