package com.example.hello.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;

/**
 * Readiness and liveness as gauges, 1 or 0, as the health probes report them: readiness
 * drops to 0 while the service drains on SIGTERM.
 */
class AvailabilityMetrics implements MeterBinder {

	private final ApplicationAvailability availability;

	AvailabilityMetrics(ApplicationAvailability availability) {
		this.availability = availability;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("application.ready", this.availability, AvailabilityMetrics::ready)
			.description("1 while the service accepts traffic (the readiness probe is UP), else 0")
			.register(registry);
		Gauge.builder("application.live", this.availability, AvailabilityMetrics::live)
			.description("1 while the service is live (the liveness probe is UP), else 0")
			.register(registry);
	}

	private static double ready(ApplicationAvailability availability) {
		return (availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC) ? 1 : 0;
	}

	private static double live(ApplicationAvailability availability) {
		return (availability.getLivenessState() == LivenessState.CORRECT) ? 1 : 0;
	}

}
