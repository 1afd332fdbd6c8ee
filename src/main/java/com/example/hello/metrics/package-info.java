/**
 * Metrics for operators, scraped from {@code /actuator/prometheus}: every request timed
 * by route template, whether the servlet pipeline or a refusal before it answered; how
 * busy the server is (request threads, queued tasks, open connections per listener) and
 * whether it is ready and live, beside the JVM and process metrics Spring Boot gives.
 */
package com.example.hello.metrics;
