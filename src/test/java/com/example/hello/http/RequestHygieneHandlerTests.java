package com.example.hello.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class RequestHygieneHandlerTests {

	private final RequestHygieneHandler handler = new RequestHygieneHandler((exchange) -> {
	}, new HttpProperties.Limits(30, 3, DataSize.ofBytes(40), DataSize.ofBytes(100), DataSize.ofKilobytes(64)),
			new RequestHeads());

	@ParameterizedTest(name = "{0} {1} {2} [{3}] -> {4}")
	@CsvSource(delimiter = '|', textBlock = """
			GET      | /hello            | HTTP/1.1 |                                        | 0
			POST     | /echo             | HTTP/1.1 | Content-Length=100                     | 0
			POST     | /echo             | HTTP/1.1 | Transfer-Encoding=chunked              | 0
			GET      | /a-target-too-long-for-30 | HTTP/1.1 |                                | 414
			GET      | /hello            | HTTP/1.1 | A=1;B=2;C=3;D=4                        | 431
			GET      | /hello            | HTTP/1.1 | X-Big=a value that is far too long for 40  | 431
			GET      | /hello            | HTTP/0.9 |                                        | 505
			GET      | /hello            | HTTP/2.0 |                                        | 505
			GET      | /hello            | http/1.1 |                                        | 505
			TRACE    | /hello            | HTTP/1.1 |                                        | 405
			CONNECT  | /hello            | HTTP/1.1 |                                        | 405
			PROPFIND | /hello            | HTTP/1.1 |                                        | 501
			get      | /hello            | HTTP/1.1 |                                        | 501
			OPTIONS  | *                 | HTTP/1.1 |                                        | 400
			GET      | host:80           | HTTP/1.1 |                                        | 400
			GET      | /hello            | HTTP/1.1 | Bad Name=x                             | 400
			GET      | /hello            | HTTP/1.1 | X-Nul=a\u0000b                         | 400
			POST     | /echo             | HTTP/1.1 | Content-Length=4;Transfer-Encoding=chunked | 400
			POST     | /echo             | HTTP/1.1 | Content-Length=4;Content-Length=4      | 400
			POST     | /echo             | HTTP/1.1 | Content-Length=+4                      | 400
			POST     | /echo             | HTTP/1.1 | Content-Length=99999999999999999999    | 400
			POST     | /echo             | HTTP/1.1 | Transfer-Encoding=gzip                 | 400
			POST     | /echo             | HTTP/1.0 | Transfer-Encoding=chunked              | 400
			POST     | /echo             | HTTP/1.1 | Content-Length=101                     | 413
			""")
	void answersEachRequestWithItsStatus(String method, String target, String protocol, String headers, int status) {
		HttpServerExchange exchange = new HttpServerExchange(null);
		exchange.setRequestMethod(new HttpString(method));
		exchange.setRequestURI(target);
		exchange.setProtocol(HttpString.tryFromString(protocol));
		if (headers != null) {
			for (String header : headers.split(";")) {
				String[] field = header.split("=", 2);
				exchange.getRequestHeaders().add(new HttpString(field[0]), field[1]);
			}
		}
		assertThat(this.handler.check(exchange)).isEqualTo(status);
	}

}
