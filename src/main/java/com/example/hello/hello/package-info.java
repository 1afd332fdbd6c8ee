/**
 * The {@code hello} feature: {@code GET /hello} answers {@code Hello World!}.
 */
package com.example.hello.hello;
