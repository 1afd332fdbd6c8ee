/**
 * Where the server listens: {@code server.bind}, Gunicorn's {@code --bind} for embedded
 * Undertow. TCP addresses go to Undertow's own listeners; each Unix domain socket gets a
 * socket file that is never more open than its mode, and its connections are accepted and
 * served by Undertow's own I/O threads and handler chain through the bridge in
 * {@code org.xnio.nio}. Why the bridge is built that way:
 * docs/design.md#how-a-unix-socket-is-served.
 */
package com.example.hello.server;
