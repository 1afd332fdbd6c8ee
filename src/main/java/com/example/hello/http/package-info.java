/**
 * HTTP hygiene on every listener: request size limits, timeouts for slow and idle
 * clients, refusal of methods, targets and framing hello does not serve, and the security
 * headers of pages.
 */
package com.example.hello.http;
