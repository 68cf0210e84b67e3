package dev.gatehouse.gateway;

import dev.gatehouse.apps.TestApps;

import java.net.URI;
import java.util.List;

/**
 * Operator routes to the sample clinic API for the tests. The test scope catalogue has one basic
 * scope every test app holds (appointments) and a restricted one it lacks (patients): routes that
 * must let the call through ask for the first, the one that must refuse it for the second.
 */
public final class GatewayTestRoutes {

	static final String HELD_SCOPE = TestApps.READ_APPOINTMENTS.name();

	static final String MISSING_SCOPE = TestApps.READ_PATIENTS.name();

	static final java.time.LocalDate SUNSET = java.time.LocalDate.of(2027, 6, 30);

	private GatewayTestRoutes() {
	}

	public static void ensure(GatewayRoutes routes, String clinicUrl) {
		URI upstream = URI.create(clinicUrl);
		save(routes, new Route("gwtest.patients.list", "GET", "/v1/patients", upstream, List.of(HELD_SCOPE),
				List.of("contact", "health"), true, List.of(), true, Route.Source.OPERATOR));
		save(routes, new Route("gwtest.patients.read", "GET", "/v1/patients/{patientId}", upstream, List.of(HELD_SCOPE),
				List.of("contact", "health"), true, List.of("patientId"), true, Route.Source.OPERATOR));
		save(routes, new Route("gwtest.patients.update", "PATCH", "/v1/patients/{patientId}", upstream,
				List.of(HELD_SCOPE), List.of("contact", "health"), true, List.of("patientId"), true, Route.Source.OPERATOR));
		save(routes, new Route("gwtest.appointments.list", "GET", "/v1/appointments", upstream, List.of(MISSING_SCOPE),
				List.of("appointments"), true, List.of(), true, Route.Source.OPERATOR));
		save(routes, new Route("gwtest.appointments.v0", "GET", "/v0/appointments", upstream, List.of(HELD_SCOPE),
				List.of("appointments"), true, List.of(), true, Route.Source.OPERATOR, true, SUNSET));
		save(routes, new Route("gwtest.messages.send", "POST", "/v1/messages", upstream, List.of(HELD_SCOPE),
				List.of("contact", "messages"), true, List.of(), true, Route.Source.OPERATOR));
		save(routes, new Route("gwtest.health", "GET", "/health", upstream, List.of(), List.of(), false, List.of(), false,
				Route.Source.OPERATOR));
		save(routes, new Route("gwtest.unreachable", "GET", "/v1/unreachable", URI.create("http://127.0.0.1:9"),
				List.of(HELD_SCOPE), List.of(), false, List.of(), true, Route.Source.OPERATOR));
	}

	private static void save(GatewayRoutes routes, Route route) {
		if (!routes.find(route.id()).equals(java.util.Optional.of(route))) {
			routes.save(route, "test");
		}
	}

}
