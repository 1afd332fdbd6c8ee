/**
 * The access log: one line per request, with the client address as the trusted proxies
 * tell it, written to standard output (journald) or to daily files in a directory.
 */
package com.example.hello.accesslog;
