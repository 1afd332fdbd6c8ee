package com.example.hello.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RequestHeadScannerTests {

	/** {@code |} in a head stands for a line's end, CRLF. */
	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = ';', textBlock = """
			GET /hello HTTP/1.1|Host: x||                     ; 0
			GET /hello HTTP/1.0||                             ; 0
			POST /echo HTTP/1.1|Host: x|Content-Length: 4||   ; 0
			GET /hello HTTP/1.1|Host: x|X-Sp: a b	c||         ; 0
			GET /hello HTTP/1.2|Host: x||                     ; 505
			GET /hello HTTP/1.9|Host: x||                     ; 505
			GET /hello HTTP/9.9|Host: x||                     ; 505
			GET /hello HTTP/0.9||                             ; 505
			GET /hello HTTP/2.0||                             ; 505
			GET /hello http/1.1||                             ; 505
			GET /hello HTTP/1.10||                            ; 505
			GET /hello HTTP/1.1 ||                            ; 505
			GET /hello||                                      ; 505
			GET /hello HTTP/1.1|Host: x|X-Folded: a| b||      ; 400
			GET /hello HTTP/1.1|Host: x|X-Folded: a|	b||      ; 400
			GET /hello HTTP/1.1| Host: x||                    ; 400
			GET /hello HTTP/1.2|Host: x|X-Folded: a| b||      ; 505
			""")
	void findsWhatTheParserAcceptsWithoutATrace(String head, int refusal) {
		byte[] bytes = head.strip().replace("|", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
		// all at once, and byte by byte as a slow client sends it
		RequestHeadScanner whole = new RequestHeadScanner();
		assertThat(whole.scan(ByteBuffer.wrap(bytes), 0, bytes.length)).isEqualTo(bytes.length);
		assertThat(whole.refusal()).isEqualTo(refusal);
		RequestHeadScanner dribbled = new RequestHeadScanner();
		for (int i = 0; i < bytes.length; i++) {
			assertThat(dribbled.complete()).isFalse();
			dribbled.scan(ByteBuffer.wrap(bytes), i, i + 1);
		}
		assertThat(dribbled.complete()).isTrue();
		assertThat(dribbled.refusal()).isEqualTo(refusal);
	}

	@ParameterizedTest(name = "{0} then {1} -> {2}")
	@CsvSource(delimiter = ';', textBlock = """
			GET /a HTTP/1.1|Host: x||; GET /b HTTP/1.2|Host: x||       ; 505
			GET /a HTTP/1.2|Host: x||; GET /b HTTP/1.1|Host: x||       ; 0
			GET /a HTTP/1.1|Host: x||; GET /b HTTP/1.1|X: a| b||       ; 400
			GET /a HTTP/1.1|X: a| b||; GET /b HTTP/1.1|Host: x||       ; 0
			""")
	void startsAfreshOnTheNextHeadWithTheBytesAlreadyRead(String first, String second, int refusal) {
		byte[] bytes = (first.strip() + second.strip()).replace("|", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		RequestHeadScanner scanner = new RequestHeadScanner();
		int end = scanner.scan(buffer, 0, bytes.length);
		assertThat(end).isEqualTo(first.strip().length() + first.strip().chars().filter((c) -> c == '|').count());
		scanner.nextRequest(buffer.position(end));
		assertThat(scanner.complete()).isTrue();
		assertThat(scanner.refusal()).isEqualTo(refusal);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = ';', textBlock = """
			GET /hello HTTP/1.1|Host: x|
			GET /hello HTTP/1.1
			GET /hel
			""")
	void waitsForTheEndOfAHead(String head) {
		byte[] bytes = head.strip().replace("|", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
		RequestHeadScanner scanner = new RequestHeadScanner();
		assertThat(scanner.scan(ByteBuffer.wrap(bytes), 0, bytes.length)).isEqualTo(-1);
		assertThat(scanner.complete()).isFalse();
	}

}
