package org.xnio.nio;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

import org.xnio.StreamConnection;
import org.xnio.XnioIoThread;

/**
 * Turns accepted Unix-domain socket channels into XNIO stream connections served by the
 * same I/O threads, selectors and timers as XNIO's TCP connections.
 */
public final class UnixStreamConnections {

	private UnixStreamConnections() {
	}

	/**
	 * Registers a connected, non-blocking channel with an I/O thread's selector and wraps
	 * it as a stream connection owned by that thread.
	 * @param ioThread an I/O thread of XNIO's NIO provider
	 * @param channel an accepted Unix-domain socket channel in non-blocking mode
	 * @return the connection, with reads and writes suspended
	 * @throws IOException if the channel cannot be registered
	 */
	public static StreamConnection adopt(XnioIoThread ioThread, SocketChannel channel) throws IOException {
		if (!(ioThread instanceof WorkerThread workerThread)) {
			throw new IllegalArgumentException("Unix sockets need XNIO's NIO provider, not " + ioThread.getClass());
		}
		if (channel.isBlocking()) {
			throw new IllegalArgumentException("The channel must be in non-blocking mode");
		}
		SelectionKey key = workerThread.registerChannel(channel);
		return new UnixStreamConnection(workerThread, key);
	}

	/**
	 * Whether a connection arrived on a Unix-domain socket.
	 * @param connection any stream connection
	 * @return {@code true} for connections made by {@link #adopt}
	 */
	public static boolean isUnix(StreamConnection connection) {
		return connection instanceof UnixStreamConnection;
	}

}
