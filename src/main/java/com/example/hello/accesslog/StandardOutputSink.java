package com.example.hello.accesslog;

/**
 * Writes access log batches to standard output, which journald collects under systemd.
 * Each batch goes through {@code System.out} at once, so application log lines written
 * there too never land inside an access log line.
 */
final class StandardOutputSink implements AccessLogWriter.Sink {

	@Override
	public void write(CharSequence lines) {
		System.out.print(lines.toString());
		System.out.flush();
	}

	@Override
	public void close() {
		System.out.flush();
	}

}
