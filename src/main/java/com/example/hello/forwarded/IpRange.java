package com.example.hello.forwarded;

import java.io.IOException;
import java.net.InetAddress;
import java.util.regex.Pattern;

import io.undertow.util.NetworkUtils;

/**
 * An IP address or a CIDR range of them, such as {@code 10.0.0.0/8} or {@code ::1}.
 * Parsing never asks DNS: anything that is not an IP literal is refused.
 */
final class IpRange {

	private static final Pattern IPV4 = Pattern.compile(NetworkUtils.IP4_EXACT);

	private static final Pattern IPV6 = Pattern.compile(NetworkUtils.IP6_EXACT);

	private final byte[] network;

	private final int prefixLength;

	private final String text;

	private IpRange(byte[] network, int prefixLength, String text) {
		this.network = network;
		this.prefixLength = prefixLength;
		this.text = text;
	}

	/**
	 * Parses an address or a range.
	 * @throws IllegalArgumentException if the text is neither
	 */
	static IpRange parse(String text) {
		String value = text.strip();
		int slash = value.indexOf('/');
		InetAddress address = parseAddress((slash >= 0) ? value.substring(0, slash) : value);
		if (address == null) {
			throw new IllegalArgumentException(
					"expected an IP address or a CIDR range such as 10.0.0.0/8 or ::1, not '" + text + "'");
		}
		int bits = address.getAddress().length * 8;
		int prefix = bits;
		if (slash >= 0) {
			try {
				prefix = Integer.parseInt(value.substring(slash + 1));
			}
			catch (NumberFormatException ex) {
				prefix = -1;
			}
			if (prefix < 0 || prefix > bits) {
				throw new IllegalArgumentException(
						"the prefix length of '" + text + "' must be a number from 0 to " + bits);
			}
		}
		return new IpRange(address.getAddress(), prefix, value);
	}

	/**
	 * Parses an IP literal, or returns {@code null} for anything else (host names
	 * included, so that no lookup ever happens).
	 */
	static InetAddress parseAddress(String text) {
		String value = text.strip();
		if (value.startsWith("[") && value.endsWith("]")) {
			value = value.substring(1, value.length() - 1);
		}
		try {
			if (IPV4.matcher(value).matches()) {
				return NetworkUtils.parseIpv4Address(value);
			}
			if (IPV6.matcher(value).matches()) {
				return NetworkUtils.parseIpv6Address(value);
			}
		}
		catch (IOException | IllegalArgumentException ex) {
			return null;
		}
		return null;
	}

	boolean contains(InetAddress address) {
		byte[] candidate = address.getAddress();
		if (candidate.length != this.network.length) {
			return false;
		}
		int fullBytes = this.prefixLength / 8;
		for (int i = 0; i < fullBytes; i++) {
			if (candidate[i] != this.network[i]) {
				return false;
			}
		}
		int remainingBits = this.prefixLength % 8;
		if (remainingBits == 0) {
			return true;
		}
		int mask = 0xff << (8 - remainingBits);
		return (candidate[fullBytes] & mask) == (this.network[fullBytes] & mask);
	}

	@Override
	public String toString() {
		return this.text;
	}

}
