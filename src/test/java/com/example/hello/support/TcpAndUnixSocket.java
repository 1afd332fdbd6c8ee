package com.example.hello.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds the service of a {@code @SpringBootTest} to a free loopback port and to a Unix
 * socket in a temporary directory of its own, deleted when the context closes. The test
 * reaches both through an injected {@link Listeners}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface TcpAndUnixSocket {

}
