package com.example.hello.server;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.XnioIoThread;
import org.xnio.XnioWorker;
import org.xnio.nio.UnixStreamConnections;

/**
 * Listens on one Unix domain socket and hands every accepted connection to Undertow's
 * open listener on one of the server's own I/O threads, exactly as XNIO does for TCP.
 * <p>
 * One thread blocks in {@code accept()}; it only accepts, it never touches request bytes.
 */
final class UnixSocketListener {

	private static final Log logger = LogFactory.getLog(UnixSocketListener.class);

	/** As many pending connections as Undertow allows on its TCP listeners. */
	private static final int BACKLOG = 1000;

	private static final long ACCEPT_FAILURE_PAUSE_MILLIS = 50;

	private final UnixSocketFile file;

	private final AtomicInteger nextIoThread = new AtomicInteger();

	private ServerSocketChannel channel;

	private Thread acceptor;

	UnixSocketListener(UnixSocketFile file) {
		this.file = file;
	}

	UnixSocketFile file() {
		return this.file;
	}

	/** Creates the socket file; connections wait in the backlog until {@link #start}. */
	void bind() {
		this.channel = this.file.bind(BACKLOG);
	}

	/** Starts accepting connections for the given worker and open listener. */
	void start(XnioWorker worker, ChannelListener<? super StreamConnection> openListener) {
		this.acceptor = new Thread(() -> acceptLoop(worker, openListener), "unix-acceptor " + this.file.path());
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	/** Stops accepting and removes the socket file. Open connections are not touched. */
	void close() {
		IoUtils.safeClose(this.channel);
		Thread thread = this.acceptor;
		if (thread != null) {
			try {
				thread.join(TimeUnit.SECONDS.toMillis(5));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.file.delete();
	}

	private void acceptLoop(XnioWorker worker, ChannelListener<? super StreamConnection> openListener) {
		while (this.channel.isOpen()) {
			SocketChannel accepted;
			try {
				accepted = this.channel.accept();
			}
			catch (ClosedChannelException ex) {
				return;
			}
			catch (IOException ex) {
				// for example too many open files: keep serving the connections we have
				logger.warn("Accept failed on unix:" + this.file.path() + ": " + ex.getMessage());
				pause();
				continue;
			}
			handOver(accepted, worker, openListener);
		}
	}

	private void handOver(SocketChannel accepted, XnioWorker worker,
			ChannelListener<? super StreamConnection> openListener) {
		try {
			accepted.configureBlocking(false);
			XnioIoThread ioThread = worker.getIoThread(this.nextIoThread.getAndIncrement() & Integer.MAX_VALUE);
			StreamConnection connection = UnixStreamConnections.adopt(ioThread, accepted);
			ioThread.execute(() -> ChannelListeners.invokeChannelListener(connection, openListener));
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Dropped a connection on unix:" + this.file.path(), ex);
			IoUtils.safeClose(accepted);
		}
	}

	private static void pause() {
		try {
			Thread.sleep(ACCEPT_FAILURE_PAUSE_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
