/**
 * Where the server listens: {@code server.bind}, Gunicorn's {@code --bind} for embedded
 * Undertow, with TCP addresses and Unix domain sockets.
 * <p>
 * <b>How a Unix socket is served.</b> XNIO, under Undertow, cannot listen on a Unix
 * socket: its NIO provider refuses local addresses. So {@link UnixSocketListener} listens
 * on a JDK {@code ServerSocketChannel} of the {@code UNIX} family, registered with the
 * selector of each of Undertow's own XNIO I/O threads; the thread that accepts a
 * connection serves it. (XNIO's TCP listener accepts on a separate thread and hands each
 * connection to a random I/O thread; accepting where the connection is served saves that
 * hand-over.) From there, Undertow's {@code HttpOpenListener} and the same root handler
 * as TCP take over: there is no relay through a loopback port and no thread that copies
 * bytes. One thing differs from XNIO's TCP conduit on purpose: suspending reads does not
 * touch the selector until data arrives, so that a keep-alive request, whose reads
 * Undertow suspends and resumes from a worker thread, costs no wake-up of the I/O thread.
 * <p>
 * <b>Why beside XNIO's internals, not a selector of our own.</b> Two designs were open:
 * <ul>
 * <li>Our own I/O threads and selectors, implementing XNIO's {@code XnioIoThread} and
 * conduit interfaces from the outside: only public API, but a second event loop with its
 * own timers, task queue and shutdown, that must behave exactly like XNIO's for
 * Undertow's timeouts and thread checks, and that doubles the I/O threads.</li>
 * <li>A small connection and conduit of our own inside {@code org.xnio.nio}, driven by
 * XNIO's own {@code WorkerThread} selectors: Unix connections share the I/O threads,
 * timers, {@code server.undertow.threads.io} and shutdown of TCP ones, for about two
 * hundred lines. The price is a split package that depends on package-private XNIO types
 * ({@code NioHandle}, {@code WorkerThread.registerChannel}), which an XNIO upgrade may
 * change; it works on the class path, not on the module path.</li>
 * </ul>
 * hello takes the second: the same threads and the same code path as TCP are what make a
 * Unix socket behave, and perform, like a TCP port. The xnio-nio version is pinned to the
 * one Undertow uses in {@code pom.xml}, and the socket tests exercise the bridge on every
 * build, so an incompatible upgrade fails the build rather than production. The three
 * Undertow fields read by reflection are in {@link UndertowInternals}.
 * <p>
 * <b>The socket file</b> is handled by {@link UnixSocketFile}: stale sockets are
 * replaced, anything else is refused, and the socket is never more open than its
 * configured mode.
 */
package com.example.hello.server;
