package com.example.hello.nginx;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's production commands are the ones {@link ProductionOnDebianTests} was written
 * for and runs. This runs everywhere, so a changed command fails the build even where the
 * production test cannot run.
 */
class ReadmeProductionStepsTests {

	/**
	 * The fingerprint of README's production commands that the production test was
	 * written for. When a command changes, check that the production test still runs each
	 * block as README means it, then update this.
	 */
	private static final String README_SHA256 = "ed5f93bca1f0d3229e9e8255c2fa455269710bf27d9918ebfe5c507b28e38b2a";

	@Test
	void readmeProductionCommandsAreTheOnesTheProductionTestRuns() throws IOException {
		ReadmeProductionSteps readme = ReadmeProductionSteps.read();
		assertThat(readme.count()).as("shell blocks in README's production section").isEqualTo(9);
		assertThat(readme.sha256())
			.as("README's production commands changed: check that ProductionOnDebianTests still runs each block as "
					+ "README means it, then set README_SHA256 to the new value. The blocks:%n%s", readme)
			.isEqualTo(README_SHA256);
	}

	@Test
	void readsEachBlockWithoutTheIndentOfItsListItem() throws IOException {
		ReadmeProductionSteps readme = ReadmeProductionSteps.read();
		assertThat(readme.block(ProductionOnDebianTests.BUILD)).isEqualTo("./mvnw -Pproduction -DskipTests package\n");
		assertThat(readme.block(1)).startsWith("sudo apt-get update\nsudo apt-get install -y ");
	}

}
