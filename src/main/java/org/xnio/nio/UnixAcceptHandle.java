package org.xnio.nio;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.Options;
import org.xnio.StreamConnection;

/**
 * Accepts connections on a server socket that XNIO did not bind (a Unix-domain socket, or
 * a TCP socket inherited from systemd) from one I/O thread's selector. Each I/O thread
 * has one such handle for the same socket, as XNIO's TCP servers do: whichever thread
 * accepts a connection also serves it, so a new connection costs no hand-over between
 * threads. Accepted TCP connections are XNIO's own; Unix ones are
 * {@link UnixStreamConnection}s.
 */
final class UnixAcceptHandle extends NioHandle {

	private static final Log logger = LogFactory.getLog(UnixAcceptHandle.class);

	/**
	 * Accepts per wake-up, so that one busy socket cannot starve the thread's other work.
	 */
	private static final int ACCEPT_BATCH = 64;

	private static final long BACK_OFF_MILLIS = 100;

	private final ServerSocketChannel server;

	private final ChannelListener<? super StreamConnection> openListener;

	/** Open connections of the socket, shared by the handles of every I/O thread. */
	private final AtomicInteger open;

	private final int readTimeout;

	private final int writeTimeout;

	/** Whether the socket is TCP (inherited), whose connections are XNIO's own. */
	private final boolean tcp;

	UnixAcceptHandle(WorkerThread workerThread, SelectionKey key, ServerSocketChannel server,
			ChannelListener<? super StreamConnection> openListener, AtomicInteger open, int readTimeout,
			int writeTimeout) throws IOException {
		super(workerThread, key);
		this.server = server;
		this.tcp = server.getLocalAddress() instanceof InetSocketAddress;
		this.openListener = openListener;
		this.open = open;
		this.readTimeout = readTimeout;
		this.writeTimeout = writeTimeout;
	}

	@Override
	void handleReady(int ops) {
		for (int i = 0; i < ACCEPT_BATCH; i++) {
			SocketChannel accepted;
			try {
				accepted = this.server.accept();
			}
			catch (ClosedChannelException ex) {
				return;
			}
			catch (IOException ex) {
				backOff(ex);
				return;
			}
			if (accepted == null) {
				return; // none left, or another I/O thread took it
			}
			serve(accepted);
		}
	}

	private void serve(SocketChannel accepted) {
		try {
			accepted.configureBlocking(false);
			if (this.tcp) {
				// as XNIO's own TCP listeners and Undertow's defaults for them
				accepted.setOption(StandardSocketOptions.TCP_NODELAY, true);
			}
			SelectionKey key = getWorkerThread().registerChannel(accepted);
			this.open.incrementAndGet();
			StreamConnection connection = this.tcp
					? new NioSocketStreamConnection(getWorkerThread(), key, this.open::decrementAndGet)
					: new UnixStreamConnection(getWorkerThread(), key, this.open::decrementAndGet);
			// as XNIO's TCP accept: the open listener (Undertow's) reads them to install
			// its read and write timeout conduits
			if (this.readTimeout > 0) {
				connection.setOption(Options.READ_TIMEOUT, this.readTimeout);
			}
			if (this.writeTimeout > 0) {
				connection.setOption(Options.WRITE_TIMEOUT, this.writeTimeout);
			}
			ChannelListeners.invokeChannelListener(connection, this.openListener);
		}
		catch (IOException ex) {
			logger.debug("Dropped a connection that could not be set up", ex);
			IoUtils.safeClose(accepted);
		}
	}

	/**
	 * For example out of file descriptors: keep serving open connections, retry later.
	 */
	private void backOff(IOException ex) {
		logger.warn("Accepting on a Unix socket failed, pausing for " + BACK_OFF_MILLIS + " ms: " + ex.getMessage());
		suspend(SelectionKey.OP_ACCEPT);
		getWorkerThread().executeAfter(() -> {
			if (this.server.isOpen()) {
				resume(SelectionKey.OP_ACCEPT);
			}
		}, BACK_OFF_MILLIS, TimeUnit.MILLISECONDS);
	}

	/**
	 * Leaves the server socket as it is: its owner closes it, and an inherited one must
	 * stay open for the next process.
	 */
	@Override
	void forceTermination() {
		cancelKey(false);
	}

	@Override
	void terminated() {
	}

}
