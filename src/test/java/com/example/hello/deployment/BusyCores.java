package com.example.hello.deployment;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * CPU pressure: one busy process per core, at the priority of the service they compete
 * with (nice 0, as the launcher's and the tests' JVMs run), for as long as it is open.
 * The restart tests run under it as well as on a quiet machine: a restart happens when a
 * machine is busiest, and a JVM's start-up then takes many seconds. Each process is
 * stopped by its own PID.
 */
final class BusyCores implements AutoCloseable {

	private final List<Process> processes;

	private BusyCores(List<Process> processes) {
		this.processes = processes;
	}

	/** Two busy processes, for the two cores these tests are measured on. */
	static BusyCores start() throws IOException {
		return start(Math.max(2, Runtime.getRuntime().availableProcessors()));
	}

	static BusyCores start(int count) throws IOException {
		List<Process> processes = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			processes.add(new ProcessBuilder("/bin/sh", "-c", "while :; do :; done").start());
		}
		return new BusyCores(processes);
	}

	/** Whether every busy process still runs: checked when the load ends. */
	boolean allRunning() {
		return this.processes.stream().allMatch(Process::isAlive);
	}

	int count() {
		return this.processes.size();
	}

	@Override
	public void close() throws InterruptedException {
		for (Process process : this.processes) {
			process.destroyForcibly();
			process.waitFor(10, TimeUnit.SECONDS);
		}
	}

}
