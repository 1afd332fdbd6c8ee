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

	/**
	 * RFC 9112 7.1's chunk framing, all at once and byte by byte: {@code ~} stands for a
	 * bare LF, {@code |} for CRLF; the index is where the body ends, -1 if it goes on.
	 */
	@ParameterizedTest(name = "{0} -> bad {1}")
	@CsvSource(delimiter = '#', textBlock = """
			5|hello|0||GET / HTTP/1.1|| # false # 15
			5;a=b|hello|0|X-T: y|| # false # 27
			A|0123456789|0|| # false # 20
			5 ;a|hello|0|| # false # 18
			5|hel # false # -1
			5~hello|0|| # true # -1
			5|hello~0|| # true # -1
			5;x~hello|0|| # true # -1
			5|hello|0~| # true # -1
			5|hello|0|~ # true # -1
			5|hello|0|X-T: y~| # true # -1
			5\rhello|0|| # true # -1
			5|hello!|0|| # true # -1
			+5|hello|0|| # true # -1
			|5|hello|0|| # true # -1
			1000000000000000|x # true # -1
			""")
	void followsAChunkedBodysFraming(String body, boolean bad, int end) {
		byte[] bytes = body.strip()
			.replace("\\r", "\r")
			.replace("|", "\r\n")
			.replace("~", "\n")
			.getBytes(StandardCharsets.ISO_8859_1);
		RequestHeadScanner whole = new RequestHeadScanner();
		whole.chunkedBody(null);
		int scanned = whole.scan(ByteBuffer.wrap(bytes), 0, bytes.length);
		assertThat(whole.badChunk()).isEqualTo(bad);
		if (!bad) {
			assertThat(scanned).isEqualTo(end);
		}
		RequestHeadScanner dribbled = new RequestHeadScanner();
		dribbled.chunkedBody(null);
		for (int i = 0; i < bytes.length && !dribbled.complete(); i++) {
			dribbled.scan(ByteBuffer.wrap(bytes), i, i + 1);
		}
		assertThat(dribbled.badChunk()).isEqualTo(bad);
	}

}
