package com.example.hello.metrics;

import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.xnio.XnioWorker;
import org.xnio.management.XnioServerMXBean;
import org.xnio.management.XnioWorkerMXBean;

import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

import com.example.hello.server.ServerListeners;

/**
 * Saturation of the Undertow server, which Spring Boot does not bind: busy and pooled
 * request threads, tasks waiting for one (the queue that grows when every request thread
 * is busy, as Gunicorn's backlog does), I/O threads, and open connections per listener,
 * TCP and Unix socket alike. Bound once the server has started, when its listeners are
 * known.
 */
class UndertowMetrics implements ApplicationListener<WebServerInitializedEvent> {

	private final MeterRegistry registry;

	private final BusyThreads busy;

	UndertowMetrics(MeterRegistry registry, BusyThreads busy) {
		this.registry = registry;
		this.busy = busy;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		XnioWorker worker = ServerListeners.worker(event.getWebServer());
		if (worker == null) {
			return;
		}
		XnioWorkerMXBean pool = worker.getMXBean();
		Gauge.builder("undertow.threads.busy", this.busy, BusyThreads::get)
			.description("Request threads handling a request")
			.register(this.registry);
		gauge("undertow.threads.current", "Request threads in the pool", pool, XnioWorkerMXBean::getWorkerPoolSize);
		gauge("undertow.threads.max", "Most request threads the pool may have", pool,
				XnioWorkerMXBean::getMaxWorkerPoolSize);
		gauge("undertow.threads.queued", "Tasks, such as requests, waiting for a request thread", pool,
				XnioWorkerMXBean::getWorkerQueueSize);
		gauge("undertow.io.threads", "I/O threads (event loops)", pool, XnioWorkerMXBean::getIoThreadCount);
		for (XnioServerMXBean tcp : pool.getServerMXBeans()) {
			connections(listenerName(tcp.getBindAddress()), tcp::getConnectionCount, worker);
		}
		for (Map.Entry<String, IntSupplier> unix : ServerListeners.socketConnections(event.getWebServer()).entrySet()) {
			connections(unix.getKey(), unix.getValue(), worker);
		}
	}

	private <T> void gauge(String name, String description, T source, ToIntFunction<T> value) {
		Gauge.builder(name, source, (s) -> value.applyAsInt(s)).description(description).register(this.registry);
	}

	/**
	 * XNIO counts a TCP listener's connections on its I/O threads and waits for them:
	 * once the worker is shutting down it is no longer asked.
	 */
	private void connections(String listener, IntSupplier open, XnioWorker worker) {
		Gauge.builder("undertow.connections.open", open, (o) -> worker.isShutdown() ? 0 : o.getAsInt())
			.description("Open connections of a listener")
			.tag("listener", listener)
			.strongReference(true)
			.register(this.registry);
	}

	/**
	 * {@code 127.0.0.1:8080} for XNIO's {@code /127.0.0.1:8080}, as the access log names
	 * it.
	 */
	static String listenerName(String bindAddress) {
		String address = bindAddress.substring(bindAddress.indexOf('/') + 1);
		int colon = address.lastIndexOf(':');
		return (colon > 0)
				? ServerListeners.name(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)))
				: address;
	}

}
