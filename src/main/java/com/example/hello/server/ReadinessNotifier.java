package com.example.hello.server;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationListener;

/**
 * Tells the service manager that hello serves: {@code READY=1} on {@code $NOTIFY_SOCKET},
 * as {@code sd_notify} does, once readiness is {@code ACCEPTING_TRAFFIC}, which Spring
 * Boot reports after the web server accepts (on an inherited socket, only once its
 * pipeline is {@linkplain WarmUp warmed up}) and the application has started. systemd
 * ({@code Type=notify}) and {@code tools/socket-launcher.py} wait for it before they stop
 * the instance it replaces, so the old one never stops first.
 * <p>
 * {@code NOTIFY_SOCKET} is a Unix datagram socket, which the JDK cannot open before 21
 * and not at all by path; systemd's own {@code systemd-notify --ready} sends it, and
 * waits until the service manager has read it, so that its PID still belongs to the
 * service when systemd looks it up (the unit needs {@code NotifyAccess=all}). Decided at
 * run time (the production layout's beans are decided at build time): without
 * {@code NOTIFY_SOCKET} it does nothing.
 */
final class ReadinessNotifier implements ApplicationListener<AvailabilityChangeEvent<?>> {

	private static final Log logger = LogFactory.getLog(ReadinessNotifier.class);

	private static final List<String> PROGRAMS = List.of("/usr/bin/systemd-notify", "/bin/systemd-notify");

	private final String notifySocket;

	private volatile boolean notified;

	ReadinessNotifier(String notifySocket) {
		this.notifySocket = notifySocket;
	}

	@Override
	public void onApplicationEvent(AvailabilityChangeEvent<?> event) {
		if (event.getState() != ReadinessState.ACCEPTING_TRAFFIC || this.notifySocket == null
				|| this.notifySocket.isEmpty() || this.notified) {
			return;
		}
		this.notified = true;
		Path program = PROGRAMS.stream().map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
		if (program == null) {
			logger.error("NOTIFY_SOCKET is set, but systemd-notify is not installed (" + PROGRAMS
					+ "): the service manager will not learn that hello serves");
			return;
		}
		try {
			Process process = new ProcessBuilder(program.toString(), "--ready").inheritIO()
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
				.start();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				logger.error("systemd-notify --ready did not finish within 30 s");
			}
			else if (process.exitValue() != 0) {
				logger.error("systemd-notify --ready failed with exit status " + process.exitValue());
			}
			else {
				logger.info("Told the service manager that hello is ready (READY=1)");
			}
		}
		catch (IOException ex) {
			logger.error("systemd-notify --ready could not run: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
