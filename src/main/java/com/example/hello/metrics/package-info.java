/**
 * Metrics for operators, scraped from {@code /actuator/prometheus}: how busy the server
 * is (request threads, queued tasks, open connections per listener) and whether it is
 * ready and live, beside the request, JVM and process metrics Spring Boot gives.
 */
package com.example.hello.metrics;
