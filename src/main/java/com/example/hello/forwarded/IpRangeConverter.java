package com.example.hello.forwarded;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/** Reads {@code server.trusted-proxies} entries. */
@Component
@ConfigurationPropertiesBinding
class IpRangeConverter implements Converter<String, IpRange> {

	@Override
	public IpRange convert(String source) {
		return IpRange.parse(source);
	}

}
