/**
 * hello's bridge into XNIO's NIO provider, for Unix domain sockets.
 * <p>
 * XNIO's own connections cannot carry a Unix-domain
 * {@link java.nio.channels.SocketChannel}: they ask the channel for a
 * {@link java.net.Socket}, which such channels do not have. The classes here are hello's
 * own connection and conduit for those channels. They live in {@code org.xnio.nio},
 * beside the provider, because the selector loop of XNIO's I/O threads only drives
 * handles of the provider's package-private {@code NioHandle} type. See
 * {@code com.example.hello.server} for why this design was chosen.
 * <p>
 * This package is split across jars on purpose. It works on the class path (the
 * executable jar, {@code spring-boot:run}, the tests) and must not be sealed; it does not
 * work on the module path.
 */
package org.xnio.nio;
