package com.example.hello.server;

/**
 * The server cannot be set up as configured, for example a Unix socket path that cannot
 * be used; the message says what, why, and what to do, in one line.
 */
class ServerSetupException extends RuntimeException {

	ServerSetupException(String message) {
		super(message);
	}

	ServerSetupException(String message, Throwable cause) {
		super(message, cause);
	}

}
