package com.example.hello.http;

/**
 * Which {@code Range} headers the static files' handler may see (RFC 9110 14.1 and 14.2).
 * Spring's handler answers any {@code Range} it cannot parse with {@code 416}; the RFC
 * says a server must ignore a range unit it does not know, and may ignore an invalid
 * range set. So only a well-formed {@code bytes} range set of at most
 * {@value #MAX_RANGES} ranges reaches it; anything else is ignored and the whole file
 * served. A well-formed set that cannot be satisfied still gets its {@code 416}.
 */
final class ByteRanges {

	/** As many ranges as Spring's handler takes; more are ignored. */
	static final int MAX_RANGES = 100;

	/** A position of more digits than this does not fit a {@code long}. */
	private static final int MAX_DIGITS = 18;

	private ByteRanges() {
	}

	/**
	 * The header as Spring's handler reads it ({@code bytes=} in lower case), or
	 * {@code null} when it must be ignored.
	 */
	static String normalize(String range) {
		int equals = range.indexOf('=');
		if (equals != 5 || !range.regionMatches(true, 0, "bytes", 0, 5) || !isRangeSet(range, 6)) {
			return null;
		}
		return range.startsWith("bytes=") ? range : "bytes=" + range.substring(6);
	}

	/**
	 * RFC 9110 14.1.1: {@code 1#( first-pos "-" [ last-pos ] / "-" suffix-length )}, a
	 * last position not below the first.
	 */
	private static boolean isRangeSet(String value, int from) {
		int ranges = 0;
		int at = from;
		int length = value.length();
		while (true) {
			at = skipSpaces(value, at);
			int firstEnd = digits(value, at);
			long first = (firstEnd > at) ? Long.parseLong(value, at, firstEnd, 10) : -1;
			if (firstEnd < 0 || firstEnd >= length || value.charAt(firstEnd) != '-') {
				return false;
			}
			int lastStart = firstEnd + 1;
			int lastEnd = digits(value, lastStart);
			if (lastEnd < 0 || (first < 0 && lastEnd == lastStart)) {
				return false; // no digits on either side
			}
			if (first >= 0 && lastEnd > lastStart && Long.parseLong(value, lastStart, lastEnd, 10) < first) {
				return false;
			}
			if (++ranges > MAX_RANGES) {
				return false;
			}
			at = skipSpaces(value, lastEnd);
			if (at == length) {
				return true;
			}
			if (value.charAt(at) != ',') {
				return false;
			}
			at++;
		}
	}

	/** The index after the digits from {@code at}, or -1 for too many. */
	private static int digits(String value, int at) {
		int end = at;
		while (end < value.length() && value.charAt(end) >= '0' && value.charAt(end) <= '9') {
			end++;
		}
		return (end - at > MAX_DIGITS) ? -1 : end;
	}

	private static int skipSpaces(String value, int at) {
		int index = at;
		while (index < value.length() && (value.charAt(index) == ' ' || value.charAt(index) == '\t')) {
			index++;
		}
		return index;
	}

}
