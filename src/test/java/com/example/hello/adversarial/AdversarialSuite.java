package com.example.hello.adversarial;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

import com.example.hello.support.HttpTestClient;
import com.example.hello.support.RawExchange;
import com.example.hello.adversarial.AdversarialCases.Case;
import com.example.hello.adversarial.AdversarialCases.Pipelined;
import com.example.hello.adversarial.AdversarialCases.Transport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every case of {@link AdversarialCases} that applies to a transport, one dynamic
 * test each, grouped by category, and on the service's own listeners the pipelined
 * requests; after each, the service must still answer {@code GET /hello}.
 */
public final class AdversarialSuite {

	/** The longest any non-slow case may take to be answered or closed. */
	private static final Duration ANSWER = Duration.ofSeconds(10);

	private static final Duration PAUSE = Duration.ofMillis(500);

	private AdversarialSuite() {
	}

	public static Stream<DynamicNode> tests(Transport transport, HttpTestClient target, HttpTestClient hello) {
		List<Case> cases = AdversarialCases.all()
			.stream()
			.filter((adversarial) -> adversarial.transports().contains(transport))
			.toList();
		Stream<DynamicNode> categories = cases.stream()
			.map(Case::category)
			.distinct()
			.map((category) -> DynamicContainer.dynamicContainer(category,
					cases.stream()
						.filter((adversarial) -> adversarial.category().equals(category))
						.map((adversarial) -> DynamicTest.dynamicTest(adversarial.name(),
								() -> run(adversarial, transport, target, hello)))));
		if (!transport.direct()) {
			return categories; // nginx answers each pipelined request on its own
		}
		return Stream.concat(categories, Stream
			.of(DynamicContainer.dynamicContainer("pipelined requests", AdversarialCases.pipelined()
				.stream()
				.map((pipelined) -> DynamicTest.dynamicTest(pipelined.name(), () -> run(pipelined, target, hello))))));
	}

	/** Each response in order, none after a refusal, and nothing leaked. */
	static void run(Pipelined pipelined, HttpTestClient target, HttpTestClient hello) {
		RawExchange result = target.sendInParts(List.of(pipelined.bytes()), PAUSE, ANSWER);
		String seen = "after " + result.elapsed().toMillis() + " ms, closed=" + result.closed() + ", received:\n"
				+ AdversarialCases.printable(result.text());
		assertThat(result.statuses()).as("the responses, %s", seen).isEqualTo(pipelined.statuses());
		for (String leak : AdversarialCases.LEAKS) {
			assertThat(result.text()).as("no leak, %s", seen).doesNotContain(leak);
		}
		HttpTestClient.Response after = hello.get("/hello");
		assertThat(after.status()).as("GET /hello afterwards").isEqualTo(200);
		assertThat(after.body()).isEqualTo("Hello World!");
	}

	static void run(Case adversarial, Transport transport, HttpTestClient target, HttpTestClient hello) {
		Duration wait = (adversarial.closedWithin() != null) ? adversarial.closedWithin() : ANSWER;
		RawExchange result = target.sendInParts(adversarial.parts(), PAUSE, wait);
		String seen = "after " + result.elapsed().toMillis() + " ms, closed=" + result.closed() + ", received:\n"
				+ AdversarialCases
					.printable(result.text().length() > 2000 ? result.text().substring(0, 2000) : result.text());
		int status = result.firstStatus();
		if (adversarial.closedWithin() != null) {
			assertThat(result.closed()).as("cut off within %s, %s", adversarial.closedWithin(), seen).isTrue();
		}
		else if (result.statuses().isEmpty()) {
			assertThat(result.closed()).as("an answer or a closed connection within %s, %s", ANSWER, seen).isTrue();
			if (status == 0) {
				assertThat(adversarial.mayClose()).as("closing without a response, %s", seen).isTrue();
			}
		}
		if (status != 0) {
			boolean expected = adversarial.statuses().contains(status) || (transport == Transport.NGINX
					&& ((status >= 400 && status < 500) || adversarial.viaNginx().contains(status)));
			assertThat(expected).as("status %d, expected one of %s, %s", status, adversarial.statuses(), seen).isTrue();
		}
		assertThat(result.statuses()).as("one response at most, %s", seen).hasSizeLessThanOrEqualTo(1);
		for (String leak : AdversarialCases.LEAKS) {
			assertThat(result.text()).as("no leak, %s", seen).doesNotContain(leak);
		}
		for (String secret : adversarial.secrets()) {
			assertThat(result.text()).as("nothing served or echoed, %s", seen).doesNotContain(secret);
		}
		if (transport == Transport.NGINX) {
			assertThat(result.text()).as("no nginx version, %s", seen).doesNotContain("nginx/");
		}
		HttpTestClient.Response after = hello.get("/hello");
		assertThat(after.status()).as("GET /hello afterwards").isEqualTo(200);
		assertThat(after.body()).isEqualTo("Hello World!");
	}

}
