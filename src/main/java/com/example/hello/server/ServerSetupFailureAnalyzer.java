package com.example.hello.server;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a server that cannot be set up as the one line its exception says. */
class ServerSetupFailureAnalyzer extends AbstractFailureAnalyzer<ServerSetupException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ServerSetupException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Fix the setting or the path named above (server.bind, HELLO_SOCKET, hello.access-log.directory) "
						+ "and start again",
				cause);
	}

}
