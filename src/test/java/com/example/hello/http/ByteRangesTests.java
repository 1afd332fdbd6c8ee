package com.example.hello.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ByteRangesTests {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '#', nullValues = "ignored", textBlock = """
			bytes=0-9 # bytes=0-9
			Bytes=0-9 # bytes=0-9
			BYTES=-10 # bytes=-10
			bytes=0- # bytes=0-
			bytes=0-0, 5-9 # bytes=0-0, 5-9
			bytes=99999999- # bytes=99999999-
			bytes=-0 # bytes=-0
			bytes=5-1 # ignored
			garbage # ignored
			pages=0-1 # ignored
			bytes= # ignored
			bytes=- # ignored
			bytes=a-b # ignored
			bytes=0-1;x # ignored
			bytes=--1 # ignored
			bytes=0-1,,2-3 # ignored
			bytes=0-1, # ignored
			bytes 0-1 # ignored
			bytesx=0-1 # ignored
			bytes=0-99999999999999999999 # ignored
			""")
	void keepsOnlyWellFormedByteRanges(String range, String expected) {
		assertThat(ByteRanges.normalize(range.strip())).isEqualTo(expected);
	}

	@Test
	void ignoresMoreRangesThanSpringTakes() {
		StringBuilder ranges = new StringBuilder("bytes=0-0");
		for (int i = 1; i < ByteRanges.MAX_RANGES; i++) {
			ranges.append(',').append(i).append('-').append(i);
		}
		assertThat(ByteRanges.normalize(ranges.toString())).isNotNull();
		assertThat(ByteRanges.normalize(ranges + ",999-999")).isNull();
	}

}
