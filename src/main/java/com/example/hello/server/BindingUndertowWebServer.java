package com.example.hello.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.OpenListener;
import io.undertow.server.protocol.http.HttpOpenListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.OptionMap;
import org.xnio.StreamConnection;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;

import org.springframework.boot.web.embedded.undertow.UndertowServletWebServer;
import org.springframework.boot.web.server.GracefulShutdownCallback;
import org.springframework.boot.web.server.GracefulShutdownResult;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.WebServerException;

/**
 * Spring Boot's Undertow server plus the Unix sockets and the inherited socket of
 * {@code server.bind}. The sockets are bound (or adopted) before Undertow starts, so a
 * bad path stops start-up before any port opens; their connections go to the very root
 * handler that TCP connections reach (servlet pipeline, access log, graceful shutdown);
 * and they are closed and removed before Undertow stops its I/O threads, except the
 * inherited one, which only stops accepting and is {@linkplain Handover handed over}.
 * Every listener, TCP included, hands its connections to the
 * {@link OpenListenerCustomizer}s first, and every connection is closed before Undertow
 * stops its worker.
 */
class BindingUndertowWebServer implements WebServer {

	private static final Log logger = LogFactory.getLog(BindingUndertowWebServer.class);

	/**
	 * Within the lifecycle's timeout per shutdown phase, after which Spring stops the
	 * server anyway.
	 */
	private static final Duration HANDOVER_TIMEOUT = Duration.ofSeconds(15);

	/** How long each I/O thread may take to run what was queued for it on stop. */
	private static final Duration IO_THREAD_TIMEOUT = Duration.ofSeconds(5);

	/**
	 * Before an instance accepts on an inherited socket, and before Unix socket files are
	 * created if {@code server.unix-socket.warm-up}: {@code /hello} and each page, 100
	 * times over, or for 10 s at most.
	 */
	private static final WarmUp WARM_UP = new WarmUp(List.of("/hello", "/about", "/"), 100, Duration.ofSeconds(10));

	private final UndertowServletWebServer server;

	private final List<UnixSocketListener> unixListeners;

	private final boolean inherit;

	/** Whether the Unix sockets' pipeline is warmed up before their files are created. */
	private final boolean warmUpUnixSockets;

	private final ByteBufferPool buffers;

	private final List<OpenListenerCustomizer> openListenerCustomizers;

	private final List<RootHandlerCustomizer> rootHandlerCustomizers;

	private final Handover handover = new Handover();

	/** The open listeners of the Unix and inherited sockets, once started. */
	private final List<HttpOpenListener> openListeners = new ArrayList<>();

	private InheritedSocketListener inherited;

	private boolean started;

	BindingUndertowWebServer(UndertowServletWebServer server, List<UnixSocketListener> unixListeners,
			boolean warmUpUnixSockets, boolean inherit, ByteBufferPool buffers,
			List<OpenListenerCustomizer> openListenerCustomizers, List<RootHandlerCustomizer> rootHandlerCustomizers) {
		this.server = server;
		this.unixListeners = unixListeners;
		this.warmUpUnixSockets = warmUpUnixSockets;
		this.inherit = inherit;
		this.buffers = buffers;
		this.openListenerCustomizers = openListenerCustomizers;
		this.rootHandlerCustomizers = rootHandlerCustomizers;
	}

	@Override
	public void start() throws WebServerException {
		synchronized (this) {
			if (this.started) {
				return;
			}
			List<UnixSocketListener> bound = new ArrayList<>();
			try {
				if (this.inherit && this.inherited == null) {
					this.inherited = InheritedSocketListener.adopt();
				}
				boolean warmUpFirst = this.warmUpUnixSockets && !this.unixListeners.isEmpty();
				if (!warmUpFirst) {
					for (UnixSocketListener listener : this.unixListeners) {
						listener.bind();
						bound.add(listener);
					}
				}
				this.server.start();
				Undertow undertow = this.server.getUndertow();
				if (undertow == null) {
					bound.forEach(UnixSocketListener::close);
					return;
				}
				HttpHandler root = customized(UndertowInternals.rootHandler(undertow));
				customizeTcpListeners(undertow, root);
				OptionMap socketOptions = UndertowInternals.socketOptions(undertow);
				if (warmUpFirst) {
					// nginx finds no socket file, and passes requests to another
					// instance,
					// until this one is warm
					WARM_UP.run(undertow.getWorker(),
							customized(openListener(undertow, marking(root, this.unixListeners.get(0).name()))),
							socketOptions);
					for (UnixSocketListener listener : this.unixListeners) {
						listener.bind();
						bound.add(listener);
					}
				}
				for (UnixSocketListener listener : this.unixListeners) {
					listener.start(undertow.getWorker(),
							customized(openListener(undertow, marking(root, listener.name()))), socketOptions);
				}
				if (this.inherited != null) {
					HttpHandler inheritedRoot = this.handover
						.observe(this.inherited.isUnix() ? marking(root, this.inherited.name()) : root);
					ChannelListener<StreamConnection> inheritedOpenListener = customized(
							openListener(undertow, inheritedRoot));
					// until this one is warm, the instance it replaces takes every
					// connection
					WARM_UP.run(undertow.getWorker(), inheritedOpenListener, socketOptions);
					this.inherited.start(undertow.getWorker(), this.handover.track(inheritedOpenListener),
							socketOptions);
				}
				this.started = true;
				logListeners(undertow);
			}
			catch (RuntimeException ex) {
				bound.forEach(UnixSocketListener::close);
				throw ex;
			}
		}
	}

	/** Marks each request as arrived on the Unix socket, by its name, then serves it. */
	private static HttpHandler marking(HttpHandler root, String socket) {
		return (exchange) -> {
			UnixSocketRequests.mark(exchange, socket);
			root.handleRequest(exchange);
		};
	}

	/**
	 * Undertow accepts on its TCP listeners as soon as it starts, handing connections
	 * straight to its own open listener. Each is suspended (which also closes what it
	 * accepted in that instant, before any customizer saw it), given the customized root
	 * handler and open listener, and resumed. The listener given is the open listener
	 * itself: a PROXY protocol wrapper, which hello never asks Undertow for, would be
	 * left out.
	 */
	private void customizeTcpListeners(Undertow undertow, HttpHandler root) {
		if (this.openListenerCustomizers.isEmpty() && this.rootHandlerCustomizers.isEmpty()) {
			return;
		}
		for (Undertow.ListenerInfo listener : undertow.getListenerInfo()) {
			if (!"http".equals(listener.getProtcol()) && !"https".equals(listener.getProtcol())) {
				continue; // AJP: not HTTP/1.1 on the wire
			}
			listener.suspend();
			OpenListener openListener = UndertowInternals.openListener(listener);
			openListener.setRootHandler(root);
			@SuppressWarnings("unchecked")
			AcceptingChannel<StreamConnection> channel = (AcceptingChannel<StreamConnection>) UndertowInternals
				.acceptingChannel(listener);
			channel.getAcceptSetter().set(ChannelListeners.openListenerAdapter(customized(openListener)));
			listener.resume();
		}
	}

	private HttpHandler customized(HttpHandler root) {
		HttpHandler customized = root;
		for (RootHandlerCustomizer customizer : this.rootHandlerCustomizers) {
			customized = customizer.customize(customized);
		}
		return customized;
	}

	private ChannelListener<StreamConnection> customized(ChannelListener<StreamConnection> openListener) {
		ChannelListener<StreamConnection> customized = openListener;
		for (OpenListenerCustomizer customizer : this.openListenerCustomizers) {
			customized = customizer.customize(customized);
		}
		return customized;
	}

	private HttpOpenListener openListener(Undertow undertow, HttpHandler root) {
		// as Undertow.start() builds the options of its own HTTP listeners: its defaults
		// first, then the server options set on the builder (by Spring Boot and
		// customizers)
		OptionMap options = OptionMap.builder()
			.set(UndertowOptions.NO_REQUEST_TIMEOUT, 60_000)
			.set(UndertowOptions.BUFFER_PIPELINED_DATA, true)
			.addAll(UndertowInternals.serverOptions(undertow))
			.getMap();
		HttpOpenListener listener = new HttpOpenListener(this.buffers, options);
		listener.setRootHandler(root);
		this.openListeners.add(listener);
		return listener;
	}

	private void logListeners(Undertow undertow) {
		for (Undertow.ListenerInfo listener : undertow.getListenerInfo()) {
			if (listener.getAddress() instanceof InetSocketAddress address) {
				logger.info("Listening at: " + listener.getProtcol() + "://" + BindAddress.Tcp.of(address));
			}
		}
		for (UnixSocketListener listener : this.unixListeners) {
			logger.info("Listening at: unix:" + listener.file().path() + " (" + listener.file().describeAccess() + ")");
		}
		if (this.inherited != null) {
			logger.info("Listening at: " + this.inherited.describe());
		}
	}

	@Override
	public void stop() throws WebServerException {
		boolean wasStarted;
		synchronized (this) {
			wasStarted = this.started;
			if (this.started) {
				this.unixListeners.forEach(UnixSocketListener::close);
				if (this.inherited != null) {
					this.inherited.stopAccepting();
				}
				this.started = false;
			}
		}
		if (wasStarted) {
			// outside the lock: it waits for the I/O threads
			closeConnections(this.server.getUndertow());
		}
		this.server.stop();
	}

	/**
	 * Stops accepting on the TCP listeners too and closes every connection, each on its
	 * own I/O thread, before Undertow stops its worker. Undertow's read-timeout conduit
	 * ({@code hello.http.timeouts.read}) schedules its timer on the I/O thread, which
	 * refuses once the worker is stopping; a request read in that instant on a kept-alive
	 * connection was answered with a bare 400, which nginx does not retry. Closed here
	 * instead, a connection that nginx has just sent a request on is reset, and nginx
	 * retries the request on another instance. Graceful shutdown has already let the
	 * requests in flight finish; from then on every request is answered at once, on its
	 * I/O thread, so none is cut short.
	 */
	private void closeConnections(Undertow undertow) {
		if (undertow == null || undertow.getWorker() == null) {
			return;
		}
		List<OpenListener> listeners = new ArrayList<>(this.openListeners);
		for (Undertow.ListenerInfo listener : undertow.getListenerInfo()) {
			listener.suspend(); // stops accepting, closes its connections
			listeners.add(UndertowInternals.openListener(listener));
		}
		// an accept already under way on an I/O thread ends before the next queued task
		awaitIoThreads(undertow.getWorker());
		listeners.forEach(OpenListener::closeConnections);
		if (!awaitIoThreads(undertow.getWorker())) {
			logger.warn("Connections still closing after " + IO_THREAD_TIMEOUT.toMillis() + " ms; stopping anyway");
		}
	}

	/** Waits until each I/O thread has run everything queued for it before now. */
	private static boolean awaitIoThreads(XnioWorker worker) {
		CountDownLatch done = new CountDownLatch(worker.getIoThreadCount());
		try {
			for (int i = 0; i < worker.getIoThreadCount(); i++) {
				worker.getIoThread(i).execute(done::countDown);
			}
			return done.await(IO_THREAD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			return false; // already stopping
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Override
	public void destroy() {
		stop();
		if (this.server.getUndertow() != null) {
			// Spring Boot 3.5 fails with a NullPointerException when it never started
			this.server.destroy();
		}
	}

	/** Undertow, once started; {@code null} before. */
	Undertow undertow() {
		return this.server.getUndertow();
	}

	List<UnixSocketListener> unixListeners() {
		return this.unixListeners;
	}

	/** The socket inherited from systemd, once started; {@code null} if none. */
	InheritedSocketListener inherited() {
		return this.inherited;
	}

	@Override
	public int getPort() {
		return this.server.getPort();
	}

	/**
	 * With an inherited socket, first {@linkplain Handover hands it over}: stop
	 * accepting, answer what was already sent with {@code Connection: close}, close idle
	 * connections. Then, for the other listeners, Undertow's graceful shutdown: requests
	 * in flight finish, new ones get 503 (which nginx retries on another instance).
	 */
	@Override
	public void shutDownGracefully(GracefulShutdownCallback callback) {
		shutDownGracefullyLogged(logged(callback));
	}

	/**
	 * Says what graceful shutdown does, as Spring Boot's Undertow server would: its
	 * logger is kept to warnings (application.yml), which also keeps its "Undertow
	 * started on port(s)" line out, since {@link #logListeners} says where hello listens.
	 */
	private static GracefulShutdownCallback logged(GracefulShutdownCallback callback) {
		logger.info("Commencing graceful shutdown. Waiting for active requests to complete");
		return (result) -> {
			if (result == GracefulShutdownResult.REQUESTS_ACTIVE) {
				logger.info("Graceful shutdown aborted with one or more requests still active");
			}
			else {
				logger.info("Graceful shutdown complete");
			}
			callback.shutdownComplete(result);
		};
	}

	private void shutDownGracefullyLogged(GracefulShutdownCallback callback) {
		InheritedSocketListener inherited;
		synchronized (this) {
			inherited = this.started ? this.inherited : null;
		}
		if (inherited == null) {
			this.server.shutDownGracefully(callback);
			return;
		}
		inherited.stopAccepting();
		logger.info("Handing " + inherited.describe() + " over to the next process: stopped accepting, closing "
				+ this.handover.openConnections() + " connection(s) once idle");
		Thread thread = new Thread(() -> {
			long start = System.nanoTime();
			try {
				boolean all = this.handover.drain(HANDOVER_TIMEOUT);
				long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
				logger.info(all ? "Handed over in " + millis + " ms: every connection closed"
						: this.handover.openConnections() + " connection(s) still open after " + millis + " ms");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.server.shutDownGracefully(callback);
		}, "handover");
		thread.setDaemon(true);
		thread.start();
	}

}
