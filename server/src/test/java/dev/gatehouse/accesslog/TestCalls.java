package dev.gatehouse.accesslog;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** API calls for tests: random ids, the time truncated to what PostgreSQL keeps (microseconds). */
public final class TestCalls {

	private TestCalls() {
	}

	/** A successful call of the installation at {@code at}, touching these subjects. */
	public static ApiCall call(UUID app, UUID installation, UUID account, Instant at, String... subjects) {
		return new ApiCall(UUID.randomUUID(), at.truncatedTo(ChronoUnit.MICROS), app, "client-" + app, installation,
				account, "appointments.list", "GET", "/v1/appointments", 200, 1_500, 0, 2_048,
				List.of("appointments:read"), List.of("appointments"), List.of(subjects), "203.0.113.9", null);
	}

	public static ApiCall withStatus(ApiCall call, int status, String rejection) {
		return new ApiCall(call.id(), call.occurredAt(), call.appId(), call.clientId(), call.installationId(),
				call.customerAccountId(), call.routeId(), call.method(), call.path(), status, call.latencyMicros(),
				call.requestBytes(), call.responseBytes(), call.scopes(), call.dataCategories(), call.subjectIds(),
				call.clientAddress(), rejection);
	}

	public static ApiCall onRoute(ApiCall call, String route, List<String> scopes, List<String> categories,
			long latencyMicros) {
		return new ApiCall(call.id(), call.occurredAt(), call.appId(), call.clientId(), call.installationId(),
				call.customerAccountId(), route, call.method(), call.path(), call.status(), latencyMicros,
				call.requestBytes(), call.responseBytes(), scopes, categories, call.subjectIds(), call.clientAddress(),
				call.rejection());
	}

}
