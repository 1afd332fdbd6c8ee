package com.example.hello.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.StreamConnection;
import org.xnio.XnioWorker;
import org.xnio.nio.UnixStreamConnections;

/**
 * Serves a few requests to the service itself before it reports ready, through the very
 * pipeline (open listener, customizers, root handler) of its inherited socket, on a
 * private Unix socket of its own that only this process knows: a restart hands a new JVM
 * all of nginx's connections at once, and its first answers, cold (class loading, the
 * first render of each page, code not yet compiled), were the slowest of the whole
 * restart. Bounded in time: on a busy machine it stops early and the service reports
 * ready anyway.
 */
final class WarmUp {

	private static final Log logger = LogFactory.getLog(WarmUp.class);

	private final List<String> paths;

	private final int rounds;

	private final Duration limit;

	WarmUp(List<String> paths, int rounds, Duration limit) {
		this.paths = paths;
		this.rounds = rounds;
		this.limit = limit;
	}

	void run(XnioWorker worker, ChannelListener<? super StreamConnection> openListener, OptionMap socketOptions) {
		Path dir = null;
		ServerSocketChannel server = null;
		UnixStreamConnections.Listening listening = null;
		long start = System.nanoTime();
		int requests = 0;
		try {
			dir = Files.createTempDirectory("hello-warm-up-");
			UnixDomainSocketAddress address = UnixDomainSocketAddress.of(dir.resolve("s"));
			server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(address, 16);
			listening = UnixStreamConnections.listen(worker, server, openListener, socketOptions);
			long deadline = start + this.limit.toNanos();
			rounds: for (int round = 0; round < this.rounds; round++) {
				for (String path : this.paths) {
					if (System.nanoTime() - deadline > 0) {
						break rounds;
					}
					get(address, path);
					requests++;
				}
			}
			logger.info("Warmed up with " + requests + " requests in "
					+ Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Warm-up stopped after " + requests + " requests: " + ex);
		}
		finally {
			IoUtils.safeClose(listening);
			IoUtils.safeClose(server);
			if (dir != null) {
				try {
					Files.deleteIfExists(dir.resolve("s"));
					Files.deleteIfExists(dir);
				}
				catch (IOException ex) {
					// a temporary directory: left to the system
				}
			}
		}
	}

	/** One GET, on a connection of its own, read to its end. */
	private static void get(UnixDomainSocketAddress address, String path) throws IOException {
		try (SocketChannel channel = SocketChannel.open(address)) {
			channel.write(ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII)));
			ByteBuffer buffer = ByteBuffer.allocate(8192);
			ByteArrayOutputStream head = new ByteArrayOutputStream();
			while (channel.read(buffer.clear()) >= 0) {
				if (head.size() < 16) {
					head.write(buffer.array(), 0, buffer.position());
				}
			}
			String status = head.toString(StandardCharsets.US_ASCII);
			if (!status.startsWith("HTTP/1.1 2") && !status.startsWith("HTTP/1.1 3")) {
				throw new IOException(path + " answered " + status.lines().findFirst().orElse("nothing"));
			}
		}
	}

}
