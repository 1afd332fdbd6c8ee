package com.example.hello.server;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/** Reads {@code server.bind} entries. */
@Component
@ConfigurationPropertiesBinding
class BindAddressConverter implements Converter<String, BindAddress> {

	@Override
	public BindAddress convert(String source) {
		return BindAddress.parse(source);
	}

}
