package com.example.hello.forwarded;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which peers may tell the service who the client is.
 *
 * @param trustedProxies IP addresses and CIDR ranges whose X-Forwarded-* and X-Real-IP
 * headers are applied, as Gunicorn's forwarded_allow_ips. Connections on the service's
 * Unix sockets are always trusted. Shortcut: HELLO_TRUSTED_PROXIES.
 */
@ConfigurationProperties("server")
record ForwardedProperties(@DefaultValue( {
		"127.0.0.0/8", "::1" }) List<IpRange> trustedProxies){

	ForwardedProperties {
		trustedProxies = (trustedProxies != null) ? List.copyOf(trustedProxies) : List.of();
	}

}
