package org.xnio.nio;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;

import org.xnio.Option;
import org.xnio.Options;

/**
 * A stream connection over an accepted Unix-domain socket.
 * <p>
 * A Unix socket has no IP addresses, but servlet containers and access logs expect them:
 * both ends report the loopback address, port 0, which is also what the peer is, a
 * process on this host. Only the read and write timeouts are supported as options; TCP
 * options do not apply.
 */
final class UnixStreamConnection extends AbstractNioStreamConnection {

	private static final InetSocketAddress LOCAL_HOST = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

	private final UnixStreamConduit conduit;

	private volatile int readTimeout;

	private volatile int writeTimeout;

	private final Runnable onClose;

	UnixStreamConnection(WorkerThread workerThread, SelectionKey key, Runnable onClose) {
		super(workerThread);
		this.onClose = onClose;
		this.conduit = new UnixStreamConduit(workerThread, key, this);
		key.attach(this.conduit);
		setSourceConduit(this.conduit);
		setSinkConduit(this.conduit);
	}

	@Override
	public SocketAddress getPeerAddress() {
		return LOCAL_HOST;
	}

	@Override
	public SocketAddress getLocalAddress() {
		return LOCAL_HOST;
	}

	@Override
	public boolean supportsOption(Option<?> option) {
		return option == Options.READ_TIMEOUT || option == Options.WRITE_TIMEOUT;
	}

	@Override
	public <T> T getOption(Option<T> option) {
		if (option == Options.READ_TIMEOUT) {
			return option.cast(this.readTimeout);
		}
		if (option == Options.WRITE_TIMEOUT) {
			return option.cast(this.writeTimeout);
		}
		return null;
	}

	@Override
	public <T> T setOption(Option<T> option, T value) {
		T previous = getOption(option);
		if (option == Options.READ_TIMEOUT) {
			this.readTimeout = (value != null) ? Options.READ_TIMEOUT.cast(value) : 0;
		}
		else if (option == Options.WRITE_TIMEOUT) {
			this.writeTimeout = (value != null) ? Options.WRITE_TIMEOUT.cast(value) : 0;
		}
		return previous;
	}

	@Override
	protected boolean readClosed() {
		return super.readClosed();
	}

	@Override
	protected boolean writeClosed() {
		return super.writeClosed();
	}

	@Override
	protected void closeAction() throws IOException {
		try {
			this.conduit.cancelKey(false);
			this.conduit.channel().close();
		}
		catch (ClosedChannelException ex) {
			// already closed
		}
		finally {
			this.onClose.run();
		}
	}

}
