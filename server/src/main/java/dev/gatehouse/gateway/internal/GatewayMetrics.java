package dev.gatehouse.gateway.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** {@code gatehouse.gateway.calls}: a timer per route and outcome (forwarded, or the refusal). */
final class GatewayMetrics {

	private final MeterRegistry registry;

	// route -> outcome -> timer: no key to build per call.
	private final ConcurrentHashMap<String, ConcurrentHashMap<String, Timer>> timers = new ConcurrentHashMap<>();

	GatewayMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void record(String routeId, String rejection, long micros) {
		String route = routeId == null ? "none" : routeId;
		String outcome = rejection == null ? "forwarded" : rejection;
		timers.computeIfAbsent(route, key -> new ConcurrentHashMap<>()).computeIfAbsent(outcome, key -> Timer.builder("gatehouse.gateway.calls")
			.description("Calls through the gateway")
			.tag("route", route)
			.tag("outcome", outcome)
			.register(registry)).record(micros, TimeUnit.MICROSECONDS);
	}

}
