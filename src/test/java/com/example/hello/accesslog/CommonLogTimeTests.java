package com.example.hello.accesslog;

import java.text.SimpleDateFormat;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicLong;

import io.undertow.attribute.DateTimeAttribute;
import io.undertow.attribute.ExchangeAttribute;
import io.undertow.attribute.ExchangeAttributes;
import io.undertow.util.DateUtils;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommonLogTimeTests {

	private final AtomicLong now = new AtomicLong();

	@Test
	void writesTheTimeAsUndertowDoesInEveryZone() {
		TimeZone original = TimeZone.getDefault();
		try {
			for (String zone : List.of("UTC", "Europe/Berlin", "America/St_Johns", "Asia/Kolkata")) {
				TimeZone.setDefault(TimeZone.getTimeZone(zone));
				for (long millis : new long[] { 0, 1_764_050_033_999L, 1_774_746_000_000L, 1_792_911_599_500L }) {
					this.now.set(millis);
					// Undertow's own, with a formatter of this thread made in this zone
					String undertows = new SimpleDateFormat("[dd/MMM/yyyy:HH:mm:ss Z]", Locale.US)
						.format(new Date(millis));
					assertThat(time(ZoneId.of(zone)).readAttribute(null)).as(zone + " " + millis).isEqualTo(undertows);
				}
			}
		}
		finally {
			TimeZone.setDefault(original);
		}
	}

	@Test
	void matchesUndertowsFormatter() {
		long millis = System.currentTimeMillis();
		this.now.set(millis);
		assertThat(time(ZoneId.systemDefault()).readAttribute(null))
			.isEqualTo(DateUtils.toCommonLogFormat(new Date(millis)));
	}

	@Test
	void movesOnWithTheClockEverySecond() {
		CommonLogTime time = time(ZoneId.of("UTC"));
		this.now.set(1_764_050_033_000L);
		assertThat(time.readAttribute(null)).isEqualTo("[25/Nov/2025:05:53:53 +0000]");
		this.now.set(1_764_050_033_999L);
		assertThat(time.readAttribute(null)).isEqualTo("[25/Nov/2025:05:53:53 +0000]");
		this.now.set(1_764_050_034_000L);
		assertThat(time.readAttribute(null)).isEqualTo("[25/Nov/2025:05:53:54 +0000]");
		this.now.set(1_764_050_033_500L);
		assertThat(time.readAttribute(null)).isEqualTo("[25/Nov/2025:05:53:53 +0000]");
	}

	@Test
	void takesThePlaceOfUndertowsTimeInAPattern() {
		for (String token : List.of("%t", "%{DATE_TIME}")) {
			ExchangeAttribute attribute = ExchangeAttributes.parser(getClass().getClassLoader()).parse(token);
			assertThat(attribute).as(token).isInstanceOf(CommonLogTime.class);
		}
		assertThat(ExchangeAttributes.parser(getClass().getClassLoader()).parse("%{time,yyyy}"))
			.isInstanceOf(DateTimeAttribute.class);
	}

	private CommonLogTime time(ZoneId zone) {
		return new CommonLogTime(this.now::get, zone);
	}

}
