package com.example.hello.accesslog;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.LongSupplier;

import io.undertow.attribute.DateTimeAttribute;
import io.undertow.attribute.ExchangeAttribute;
import io.undertow.attribute.ExchangeAttributeBuilder;
import io.undertow.attribute.ReadOnlyAttributeException;
import io.undertow.server.HttpServerExchange;

/**
 * {@code %t} in an access log pattern, the time in the Common Log Format
 * ({@code [25/Nov/2026:06:13:53 +0000]}), as Undertow writes it, formatted once a second
 * instead of once a line. Undertow formats it anew for every line with a
 * {@code SimpleDateFormat}, a visible share of {@code /hello}'s CPU time
 * (docs/performance.md#a-leaner-request-path).
 */
final class CommonLogTime implements ExchangeAttribute {

	private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("'['dd/MMM/yyyy:HH:mm:ss Z']'",
			Locale.US);

	private final LongSupplier clock;

	private final ZoneId zone;

	private volatile Formatted last = new Formatted(Long.MIN_VALUE, "");

	CommonLogTime(LongSupplier clock, ZoneId zone) {
		this.clock = clock;
		this.zone = zone;
	}

	@Override
	public String readAttribute(HttpServerExchange exchange) {
		long second = Math.floorDiv(this.clock.getAsLong(), 1000);
		Formatted last = this.last;
		if (last.second != second) {
			last = new Formatted(second, FORMAT.format(Instant.ofEpochSecond(second).atZone(this.zone)));
			this.last = last;
		}
		return last.text;
	}

	@Override
	public void writeAttribute(HttpServerExchange exchange, String newValue) throws ReadOnlyAttributeException {
		throw new ReadOnlyAttributeException("Date time", newValue);
	}

	private record Formatted(long second, String text) {
	}

	/**
	 * Found by Undertow's pattern parser through {@code META-INF/services}; ranks above
	 * Undertow's own builder for {@code %t}.
	 */
	public static final class Builder implements ExchangeAttributeBuilder {

		@Override
		public String name() {
			return "Common Log Format time";
		}

		@Override
		public ExchangeAttribute build(String token) {
			return (DateTimeAttribute.DATE_TIME_SHORT.equals(token) || DateTimeAttribute.DATE_TIME.equals(token))
					? new CommonLogTime(System::currentTimeMillis, ZoneId.systemDefault()) : null;
		}

		@Override
		public int priority() {
			return 1;
		}

	}

}
