package com.example.hello.server;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;

import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.StreamConnection;
import org.xnio.XnioWorker;
import org.xnio.nio.UnixStreamConnections;

import com.example.hello.settings.InvalidSettingException;

/**
 * Listens on one Unix domain socket: its file, then its connections, which Undertow's I/O
 * threads accept and serve as they do TCP ones.
 */
final class UnixSocketListener {

	/** As many pending connections as Undertow allows on its TCP listeners. */
	private static final int BACKLOG = 1000;

	private final UnixSocketFile file;

	private ServerSocketChannel channel;

	private UnixStreamConnections.Listening accepting;

	UnixSocketListener(UnixSocketFile file) {
		this.file = file;
	}

	UnixSocketFile file() {
		return this.file;
	}

	/** {@code unix:PATH}, as {@code server.bind} names it. */
	String name() {
		return BindAddress.UNIX_PREFIX + this.file.path();
	}

	/** Creates the socket file; connections wait in the backlog until {@link #start}. */
	void bind() {
		this.channel = this.file.bind(BACKLOG);
	}

	/**
	 * Starts accepting connections on the worker's I/O threads for the open listener,
	 * with the socket options (read and write timeouts) of the TCP listeners.
	 */
	void start(XnioWorker worker, ChannelListener<? super StreamConnection> openListener, OptionMap socketOptions) {
		try {
			this.accepting = UnixStreamConnections.listen(worker, this.channel, openListener, socketOptions);
		}
		catch (IOException ex) {
			throw new InvalidSettingException("server.bind", BindAddress.UNIX_PREFIX + this.file.path(),
					"connections cannot be accepted on it: " + ex.getMessage(), "choose another path", ex);
		}
	}

	/** Connections open now; 0 before {@link #start}. */
	int openConnections() {
		UnixStreamConnections.Listening listening = this.accepting;
		return (listening != null) ? listening.openConnections() : 0;
	}

	/** Stops accepting and removes the socket file. Open connections are not touched. */
	void close() {
		IoUtils.safeClose(this.accepting);
		IoUtils.safeClose(this.channel);
		this.file.delete();
	}

}
