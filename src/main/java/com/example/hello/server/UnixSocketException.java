package com.example.hello.server;

/**
 * A Unix socket cannot be set up; the message says which path, why, and what to do.
 */
class UnixSocketException extends RuntimeException {

	UnixSocketException(String message) {
		super(message);
	}

	UnixSocketException(String message, Throwable cause) {
		super(message, cause);
	}

}
