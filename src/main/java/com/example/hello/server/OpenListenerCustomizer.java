package com.example.hello.server;

import org.xnio.ChannelListener;
import org.xnio.StreamConnection;

/**
 * Wraps what each accepted connection is handed to, on every listener alike: TCP, Unix
 * sockets and the inherited socket. A feature's way to see a connection, and to add a
 * conduit to it, before Undertow reads a byte of it.
 */
@FunctionalInterface
public interface OpenListenerCustomizer {

	/**
	 * The listener to hand each new connection to instead of {@code openListener}, which
	 * it must hand the connection on to.
	 */
	ChannelListener<StreamConnection> customize(ChannelListener<StreamConnection> openListener);

}
