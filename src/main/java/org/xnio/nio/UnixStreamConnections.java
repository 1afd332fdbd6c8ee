package org.xnio.nio;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.XnioIoThread;
import org.xnio.XnioWorker;

/**
 * Serves server sockets that XNIO did not bind on XNIO's own I/O threads: the service's
 * Unix-domain sockets, and a socket inherited from systemd. Accepted channels become
 * stream connections with the same selectors, timers and threads as XNIO's TCP
 * connections.
 */
public final class UnixStreamConnections {

	private UnixStreamConnections() {
	}

	/**
	 * Starts accepting connections on a bound Unix-domain server socket on every I/O
	 * thread of a worker, handing each new connection to the open listener on the thread
	 * that accepted it.
	 * @param worker the XNIO worker whose I/O threads serve the socket
	 * @param server the bound server socket; it is switched to non-blocking mode
	 * @param openListener what to do with each new connection, such as Undertow's
	 * {@code HttpOpenListener}
	 * @param options the listener's socket options: of these,
	 * {@link Options#READ_TIMEOUT} and {@link Options#WRITE_TIMEOUT} are set on every new
	 * connection before the open listener sees it, as XNIO's TCP servers do
	 * @return what stops accepting (open connections stay), and counts the open
	 * connections
	 * @throws IOException if the socket cannot be registered
	 */
	public static Listening listen(XnioWorker worker, ServerSocketChannel server,
			ChannelListener<? super StreamConnection> openListener, OptionMap options) throws IOException {
		server.configureBlocking(false);
		AtomicInteger open = new AtomicInteger();
		List<UnixAcceptHandle> handles = new ArrayList<>();
		for (int i = 0; i < worker.getIoThreadCount(); i++) {
			WorkerThread thread = workerThread(worker.getIoThread(i));
			SelectionKey key = thread.registerChannel(server);
			UnixAcceptHandle handle = new UnixAcceptHandle(thread, key, server, openListener, open,
					options.get(Options.READ_TIMEOUT, 0), options.get(Options.WRITE_TIMEOUT, 0));
			key.attach(handle);
			handles.add(handle);
		}
		handles.forEach((handle) -> handle.resume(SelectionKey.OP_ACCEPT));
		return new Listening() {

			@Override
			public int openConnections() {
				return open.get();
			}

			@Override
			public void stopAccepting() {
				handles.forEach((handle) -> handle.cancelKey(false));
			}

			@Override
			public void close() {
				stopAccepting();
				IoUtils.safeClose(server);
			}

		};
	}

	/** A server socket being accepted on. */
	public interface Listening extends Closeable {

		/**
		 * Stops accepting but leaves the socket open: new connections wait in its backlog
		 * for whoever accepts next, such as the next process on a socket inherited from
		 * systemd.
		 */
		void stopAccepting();

		/**
		 * Connections accepted on the socket and not yet closed, as a metric reads them.
		 */
		int openConnections();

		/** Stops accepting and closes the server socket. */
		@Override
		void close();

	}

	private static WorkerThread workerThread(XnioIoThread ioThread) {
		if (ioThread instanceof WorkerThread workerThread) {
			return workerThread;
		}
		throw new IllegalArgumentException("Unix sockets need XNIO's NIO provider, not " + ioThread.getClass());
	}

}
