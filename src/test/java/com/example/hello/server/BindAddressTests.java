package com.example.hello.server;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BindAddressTests {

	@Test
	void readsHostAndPort() {
		assertThat(BindAddress.parse("127.0.0.1:8080")).isEqualTo(new BindAddress.Tcp("127.0.0.1", 8080));
		assertThat(BindAddress.parse(" localhost:0 ")).isEqualTo(new BindAddress.Tcp("localhost", 0));
	}

	@Test
	void readsAnIpv6HostInBrackets() {
		BindAddress address = BindAddress.parse("[::1]:8080");
		assertThat(address).isEqualTo(new BindAddress.Tcp("::1", 8080));
		assertThat(address).hasToString("[::1]:8080");
	}

	@Test
	void readsAUnixSocketPathAsAnAbsolutePath() {
		assertThat(BindAddress.parse("unix:/run/hello/hello.sock"))
			.isEqualTo(new BindAddress.Unix(Path.of("/run/hello/hello.sock")));
		assertThat(BindAddress.parse("unix:hello.sock"))
			.isEqualTo(new BindAddress.Unix(Path.of("hello.sock").toAbsolutePath()));
		assertThat(BindAddress.parse("unix:/run/hello/hello.sock")).hasToString("unix:/run/hello/hello.sock");
	}

	@Test
	void readsStandardInputAsTheInheritedSocket() {
		assertThat(BindAddress.parse("fd://0")).isEqualTo(new BindAddress.Inherited(0)).hasToString("fd://0");
	}

	@Test
	void refusesADescriptorOtherThanStandardInput() {
		assertThatIllegalArgumentException().isThrownBy(() -> BindAddress.parse("fd://3"))
			.withMessageStartingWith("only fd://0, standard input, can be adopted");
		assertThatIllegalArgumentException().isThrownBy(() -> BindAddress.parse("fd://"))
			.withMessageStartingWith("only fd://0, standard input, can be adopted");
	}

	@Test
	void refusesWhatIsNoBindAddressWithTheReason() {
		assertThatIllegalArgumentException().isThrownBy(() -> BindAddress.parse("8080"))
			.withMessageStartingWith("expected HOST:PORT, unix:PATH or fd://0");
		assertThatIllegalArgumentException().isThrownBy(() -> BindAddress.parse("localhost:http"))
			.withMessageStartingWith("the port must be a number");
		assertThatIllegalArgumentException().isThrownBy(() -> BindAddress.parse("localhost:70000"))
			.withMessageStartingWith("the port must be between 0 and 65535");
		assertThatIllegalArgumentException().isThrownBy(() -> BindAddress.parse("::1:8080"))
			.withMessageStartingWith("write an IPv6 host in brackets");
		assertThatIllegalArgumentException().isThrownBy(() -> BindAddress.parse("unix:"))
			.withMessageStartingWith("unix: needs a path");
	}

}
