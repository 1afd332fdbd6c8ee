/**
 * What the tests share: one raw HTTP/1.1 client for TCP and Unix sockets, the
 * TCP-plus-socket fixture, child JVMs, and test-only endpoints.
 */
package com.example.hello.support;
