package com.example.hello.accesslog;

import io.undertow.server.handlers.accesslog.AccessLogReceiver;

/** Writes access log lines to standard output, one whole line at a time. */
class StandardOutputAccessLogReceiver implements AccessLogReceiver {

	@Override
	public void logMessage(String message) {
		System.out.println(message);
	}

}
