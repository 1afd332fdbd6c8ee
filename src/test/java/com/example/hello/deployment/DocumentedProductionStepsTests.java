package com.example.hello.deployment;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/deployment.md's production commands are the ones {@link ProductionOnDebianIT} was
 * written for and runs. This runs everywhere, so a changed command fails the build even
 * where the production test cannot run.
 */
class DocumentedProductionStepsTests {

	/**
	 * The fingerprint of docs/deployment.md's production commands that the production
	 * test was written for. When a command changes, check that the production test still
	 * runs each block as docs/deployment.md means it, then update this.
	 */
	private static final String DOCUMENTED_SHA256 = "7b930168c5bc9f4d46df1a23f13927e3e7678163f1538df03b8ccb3c354ded5e";

	@Test
	void documentedProductionCommandsAreTheOnesTheProductionTestRuns() throws IOException {
		DocumentedProductionSteps steps = DocumentedProductionSteps.read();
		assertThat(steps.count()).as("shell blocks in docs/deployment.md's production section").isEqualTo(9);
		assertThat(steps.sha256())
			.as("docs/deployment.md's production commands changed: check that ProductionOnDebianIT still runs each block as "
					+ "docs/deployment.md means it, then set DOCUMENTED_SHA256 to the new value. The blocks:%n%s",
					steps)
			.isEqualTo(DOCUMENTED_SHA256);
	}

	@Test
	void readsEachBlockWithoutTheIndentOfItsListItem() throws IOException {
		DocumentedProductionSteps steps = DocumentedProductionSteps.read();
		assertThat(steps.block(ProductionOnDebianIT.BUILD)).isEqualTo("./mvnw -Pproduction -DskipTests package\n");
		assertThat(steps.block(1)).startsWith("sudo apt-get update\nsudo apt-get install -y ");
	}

}
