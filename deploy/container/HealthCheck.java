import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The image's health check: GET /actuator/health/readiness (or the path given second) on the
 * service's own listener, exit 0 on a 200 and 1 otherwise. The image has no curl and bash cannot reach a Unix
 * socket, but it has a JVM.
 * <p>
 * Where it asks: the first address of {@code SERVER_BIND}, as the service reads it
 * ({@code unix:PATH}, {@code HOST:PORT} or {@code [IPv6]:PORT}; a wildcard host means
 * loopback), or the argument given instead. Compiled by build.sh for the image's JRE.
 */
public class HealthCheck {

	private static final String READINESS = "/actuator/health/readiness";

	private static final long TIMEOUT_MILLIS = 3000;

	public static void main(String[] args) throws Exception {
		String bind = (args.length > 0) ? args[0] : System.getenv().getOrDefault("SERVER_BIND", "127.0.0.1:8080");
		String path = (args.length > 1) ? args[1] : READINESS;
		SocketAddress address = address(bind.split(",")[0].strip());
		// A stalled service must fail the check, not hang it: nothing here reads with a
		// timeout, so a watchdog ends the JVM.
		Thread watchdog = new Thread(() -> {
			try {
				TimeUnit.MILLISECONDS.sleep(TIMEOUT_MILLIS);
				System.out.println("no answer from " + bind + " within " + TIMEOUT_MILLIS + " ms");
				Runtime.getRuntime().halt(1);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		watchdog.setDaemon(true);
		watchdog.start();
		try (SocketChannel channel = SocketChannel.open(address)) {
			String request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
			ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
			while (out.hasRemaining()) {
				channel.write(out);
			}
			ByteArrayOutputStream response = new ByteArrayOutputStream();
			ByteBuffer in = ByteBuffer.allocate(4096);
			while (channel.read(in) >= 0) {
				response.write(in.array(), 0, in.position());
				in.clear();
			}
			String text = response.toString(StandardCharsets.ISO_8859_1);
			String status = text.lines().findFirst().orElse("");
			System.out.println(bind + path + ": " + status);
			System.exit(status.startsWith("HTTP/1.1 200 ") ? 0 : 1);
		}
		catch (IOException ex) {
			System.out.println(bind + path + ": " + ex);
			System.exit(1);
		}
	}

	private static SocketAddress address(String bind) {
		if (bind.startsWith("unix:")) {
			return UnixDomainSocketAddress.of(bind.substring("unix:".length()));
		}
		int colon = bind.lastIndexOf(':');
		String host = bind.substring(0, colon).replace("[", "").replace("]", "");
		int port = Integer.parseInt(bind.substring(colon + 1));
		if (host.isEmpty() || host.equals("0.0.0.0")) {
			host = "127.0.0.1";
		}
		else if (host.equals("::")) {
			host = "::1";
		}
		return new InetSocketAddress(host, port);
	}

}
