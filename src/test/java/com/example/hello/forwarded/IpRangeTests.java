package com.example.hello.forwarded;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class IpRangeTests {

	@Test
	void matchesAddressesInsideACidrRange() {
		IpRange loopback = IpRange.parse("127.0.0.0/8");
		assertThat(loopback.contains(IpRange.parseAddress("127.0.0.1"))).isTrue();
		assertThat(loopback.contains(IpRange.parseAddress("127.255.1.2"))).isTrue();
		assertThat(loopback.contains(IpRange.parseAddress("128.0.0.1"))).isFalse();
		IpRange odd = IpRange.parse("10.1.2.128/25");
		assertThat(odd.contains(IpRange.parseAddress("10.1.2.200"))).isTrue();
		assertThat(odd.contains(IpRange.parseAddress("10.1.2.127"))).isFalse();
	}

	@Test
	void matchesASingleAddressExactly() {
		IpRange one = IpRange.parse("::1");
		assertThat(one.contains(IpRange.parseAddress("::1"))).isTrue();
		assertThat(one.contains(IpRange.parseAddress("::2"))).isFalse();
		assertThat(one.contains(IpRange.parseAddress("127.0.0.1"))).isFalse();
		assertThat(IpRange.parse("[2001:db8::1]").contains(IpRange.parseAddress("2001:db8::1"))).isTrue();
	}

	@Test
	void neverResolvesHostNames() {
		assertThat(IpRange.parseAddress("localhost")).isNull();
		assertThat(IpRange.parseAddress("example.com")).isNull();
		assertThat(IpRange.parseAddress("1.2.3")).isNull();
		assertThat(IpRange.parseAddress("")).isNull();
	}

	@Test
	void refusesWhatIsNoRangeWithTheReason() {
		assertThatIllegalArgumentException().isThrownBy(() -> IpRange.parse("localhost"))
			.withMessageStartingWith("expected an IP address or a CIDR range");
		assertThatIllegalArgumentException().isThrownBy(() -> IpRange.parse("10.0.0.0/33"))
			.withMessageContaining("must be a number from 0 to 32");
		assertThatIllegalArgumentException().isThrownBy(() -> IpRange.parse("::/x"))
			.withMessageContaining("must be a number from 0 to 128");
	}

}
