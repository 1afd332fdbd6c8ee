import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The production layout's training run, which the class data archive (JDK 17 to 24) or the
 * AOT cache (JDK 25) is written from: the layout started as the units start it, in the
 * prod profile, on a Unix socket of its own, serving every kind of request it serves in
 * production for a few seconds, then stopped with SIGTERM as systemd stops it. The JVM
 * writes the archive as it exits, with every class start-up and the request path loaded.
 * <p>
 * A run that stops at the refreshed context ({@code -Dspring.context.exit=onRefresh})
 * leaves out everything after it: Undertow's listener and XNIO, the servlet's first
 * request, Spring MVC's and Thymeleaf's request path, the access log, the metrics
 * endpoint. On JDK 17 those were 1,182 classes loaded from the jars at the first request.
 * <p>
 * Run by the {@code production} Maven profile, with the JDK that builds: <pre>
 * java src/build/TrainingRun.java LAYOUT ARCHIVE_OPTIONS ARCHIVE_FILE LOG_FILE</pre>
 * ARCHIVE_OPTIONS are the JVM options that make it write the archive, separated by spaces.
 */
public class TrainingRun {

	/** What the service answers in production: pages, a missing page, the operators' endpoints. */
	private static final List<String> PATHS = List.of("/hello", "/", "/about", "/start", "/no-such-page",
			"/pages/site.css", "/actuator/health/readiness", "/actuator/prometheus");

	private static final int ROUNDS = 200;

	private static final long START_TIMEOUT_SECONDS = 120;

	/** Writing an AOT cache (JDK 25) takes the exiting JVM a few seconds. */
	private static final long STOP_TIMEOUT_SECONDS = 180;

	/**
	 * Bounds the whole run, every read included: a service that stops answering is
	 * killed, which ends its connections.
	 */
	private static final long RUN_TIMEOUT_SECONDS = 600;

	public static void main(String[] args) throws Exception {
		if (args.length != 4) {
			throw new IllegalArgumentException("usage: TrainingRun LAYOUT ARCHIVE_OPTIONS ARCHIVE_FILE LOG_FILE");
		}
		Path layout = Path.of(args[0]);
		Path archive = layout.resolve(args[2]);
		Path log = Path.of(args[3]);
		Files.deleteIfExists(archive);
		Path dir = Files.createTempDirectory("hello-training");
		Path socket = dir.resolve("hello.sock");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java));
		command.addAll(List.of(args[1].trim().split("\\s+")));
		command.addAll(List.of("-Dspring.aot.enabled=true", "-jar", "hello.jar", "--spring.profiles.active=prod",
				"--server.bind=unix:" + socket));
		Process service = new ProcessBuilder(command)
			.directory(layout.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		Thread watchdog = new Thread(() -> {
			try {
				if (!service.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
					System.err.println("Training run: no end within " + RUN_TIMEOUT_SECONDS + " s, killed");
					service.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		watchdog.setDaemon(true);
		watchdog.start();
		try {
			awaitListening(service, socket, log);
			Map<String, Integer> answered = new TreeMap<>();
			for (int round = 0; round < ROUNDS; round++) {
				for (String path : PATHS) {
					answered.merge(path + " " + get(socket, path), 1, Integer::sum);
				}
			}
			System.out.println("Training run: " + answered);
			if (answered.keySet().stream().noneMatch((answer) -> answer.startsWith("/about 200"))) {
				throw new IllegalStateException("the training run did not serve /about; see " + log);
			}
		}
		finally {
			service.destroy();
			boolean exited = service.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			if (!exited) {
				service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
			Files.deleteIfExists(socket);
			Files.deleteIfExists(dir);
			if (!exited) {
				throw new IllegalStateException(
						"the training run did not exit within " + STOP_TIMEOUT_SECONDS + " s of SIGTERM; see " + log);
			}
		}
		// SIGTERM: the JVM exits 143 once its shutdown is done, as under systemd
		if (service.exitValue() != 143 || !Files.isRegularFile(archive)) {
			throw new IllegalStateException("the training run exited " + service.exitValue() + " and "
					+ (Files.isRegularFile(archive) ? "wrote " : "did not write ") + archive + "; see " + log);
		}
		System.out.println("Training run: wrote " + archive + " (" + Files.size(archive) / (1024 * 1024) + " MiB)");
	}

	private static void awaitListening(Process service, Path socket, Path log) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
		String lastFailure = "none";
		while (System.nanoTime() < deadline) {
			if (!service.isAlive()) {
				throw new IllegalStateException("the training run exited " + service.exitValue() + "; see " + log);
			}
			if (Files.exists(socket)) {
				try {
					if (get(socket, "/hello") == 200) {
						return;
					}
				}
				catch (IOException ex) {
					lastFailure = ex.toString();
				}
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException("the training run did not answer on " + socket + " within "
				+ START_TIMEOUT_SECONDS + " s (last failure: " + lastFailure + "); see " + log);
	}

	/** One request on a connection of its own; the response's status. */
	private static int get(Path socket, String path) throws IOException {
		try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
			channel.connect(UnixDomainSocketAddress.of(socket));
			String request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
			ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
			while (out.hasRemaining()) {
				channel.write(out);
			}
			ByteArrayOutputStream response = new ByteArrayOutputStream();
			ByteBuffer in = ByteBuffer.allocate(16 * 1024);
			while (channel.read(in) >= 0) {
				response.write(in.array(), 0, in.position());
				in.clear();
			}
			String text = response.toString(StandardCharsets.ISO_8859_1);
			if (!text.startsWith("HTTP/1.1 ") || text.length() < 12) {
				throw new IOException("not an HTTP response to " + path + ": " + text);
			}
			return Integer.parseInt(text.substring(9, 12));
		}
	}

}
