/**
 * Which peers are trusted to say who the client is: {@code X-Forwarded-*} and
 * {@code X-Real-IP} count only from {@code server.trusted-proxies} and from the service's
 * own Unix sockets, as Gunicorn's {@code forwarded_allow_ips}; everyone else's are
 * removed before the application sees the request.
 */
package com.example.hello.forwarded;
