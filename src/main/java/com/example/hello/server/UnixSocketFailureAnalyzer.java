package com.example.hello.server;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a Unix socket that cannot be set up as the one line its exception says. */
class UnixSocketFailureAnalyzer extends AbstractFailureAnalyzer<UnixSocketException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnixSocketException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Fix the path in server.bind (or SERVER_BIND, HELLO_SOCKET), or what is at that path, and start again",
				cause);
	}

}
