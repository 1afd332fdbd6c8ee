package com.example.hello.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import org.xnio.ChannelListener;
import org.xnio.OptionMap;
import org.xnio.StreamConnection;
import org.xnio.XnioWorker;
import org.xnio.nio.UnixStreamConnections;

import com.example.hello.settings.InvalidSettingException;

/**
 * Listens on the socket the service was started with ({@code server.bind=fd://0}), as
 * systemd passes it with {@code StandardInput=socket}. The socket belongs to whoever
 * passed it: this never binds, unlinks, chmods or closes it. Stopping only stops
 * accepting, so that connections wait in the socket's backlog for the next process.
 * <p>
 * The JDK adopts standard input only ({@link System#inheritedChannel()}), and closing
 * that channel would point standard output and error at {@code /dev/null}, silencing the
 * log: one more reason to leave it open until the process exits.
 */
final class InheritedSocketListener {

	private static final String ADDRESS = BindAddress.FD_PREFIX + BindAddress.Inherited.STANDARD_INPUT;

	private static final String HOW = "start hello from a systemd socket unit with StandardInput=socket"
			+ " (as hello.socket does) or from tools/socket-launcher.py, or bind unix:PATH or HOST:PORT instead";

	private final ServerSocketChannel channel;

	private final SocketAddress address;

	private UnixStreamConnections.Listening accepting;

	private InheritedSocketListener(ServerSocketChannel channel, SocketAddress address) {
		this.channel = channel;
		this.address = address;
	}

	/**
	 * Adopts the listening socket on standard input.
	 * @throws InvalidSettingException if standard input is no listening stream socket
	 */
	static InheritedSocketListener adopt() {
		Channel inherited;
		try {
			inherited = System.inheritedChannel();
		}
		catch (IOException | SecurityException ex) {
			throw invalid("standard input cannot be adopted as a socket: " + ex.getMessage(), ex);
		}
		if (inherited == null) {
			throw invalid("nothing was inherited: standard input is not a socket", null);
		}
		if (inherited instanceof SocketChannel) {
			throw invalid("standard input is a connected socket, not a listening one", null,
					"set Accept=no in the socket unit");
		}
		if (inherited instanceof DatagramChannel) {
			throw invalid("standard input is a datagram socket, not a stream one", null,
					"use ListenStream= in the socket unit");
		}
		if (!(inherited instanceof ServerSocketChannel server)) {
			throw invalid("standard input is a " + inherited.getClass().getSimpleName() + ", not a listening socket",
					null);
		}
		SocketAddress address;
		try {
			address = server.getLocalAddress();
		}
		catch (IOException ex) {
			throw invalid("the inherited socket has no address: " + ex.getMessage(), ex);
		}
		if (!(address instanceof UnixDomainSocketAddress) && !(address instanceof InetSocketAddress)) {
			throw invalid("the inherited socket is neither a Unix nor a TCP socket but " + address, null);
		}
		return new InheritedSocketListener(server, address);
	}

	private static InvalidSettingException invalid(String problem, Exception cause) {
		return invalid(problem, cause, HOW);
	}

	private static InvalidSettingException invalid(String problem, Exception cause, String fix) {
		return new InvalidSettingException("server.bind", ADDRESS, problem, fix, cause);
	}

	/** Whether it is a Unix socket, whose file mode decides who may connect. */
	boolean isUnix() {
		return this.address instanceof UnixDomainSocketAddress;
	}

	/**
	 * Starts accepting connections on the worker's I/O threads for the open listener,
	 * with the read and write timeouts of the socket options.
	 */
	void start(XnioWorker worker, ChannelListener<? super StreamConnection> openListener, OptionMap socketOptions) {
		try {
			this.accepting = UnixStreamConnections.listen(worker, this.channel, openListener, socketOptions);
		}
		catch (IOException ex) {
			throw invalid("connections cannot be accepted on it: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Stops accepting: new connections wait in the socket's backlog for the next process.
	 */
	void stopAccepting() {
		if (this.accepting != null) {
			this.accepting.stopAccepting();
		}
	}

	/** Where it listens: {@code unix:PATH} or {@code HOST:PORT}. */
	String name() {
		return (this.address instanceof UnixDomainSocketAddress unix) ? BindAddress.UNIX_PREFIX + unix.getPath()
				: BindAddress.Tcp.of((InetSocketAddress) this.address).toString();
	}

	/** Connections open now; 0 before {@link #start}. */
	int openConnections() {
		UnixStreamConnections.Listening listening = this.accepting;
		return (listening != null) ? listening.openConnections() : 0;
	}

	/** For the log: what was inherited, and from whom. */
	String describe() {
		String where = name();
		String from = ProcessHandle.current()
			.parent()
			.map((parent) -> parent.info().command().orElse("process") + " (pid " + parent.pid() + ")")
			.orElse("an exited process");
		return ADDRESS + " (" + where + ", inherited from " + from + ")";
	}

}
