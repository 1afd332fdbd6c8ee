package com.example.hello.server;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which peers may tell the service who the client is.
 *
 * @param trustedProxies addresses and CIDR ranges whose {@code X-Forwarded-*} and
 * {@code X-Real-IP} headers are applied, as Gunicorn's {@code forwarded_allow_ips};
 * connections on the service's Unix sockets are always trusted
 */
@ConfigurationProperties("server")
record ForwardedProperties(@DefaultValue( {
		"127.0.0.0/8", "::1" }) List<IpRange> trustedProxies){

	ForwardedProperties {
		trustedProxies = (trustedProxies != null) ? List.copyOf(trustedProxies) : List.of();
	}

}
