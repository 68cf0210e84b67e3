package dev.gatehouse.demo;

import dev.gatehouse.accesslog.AccessLog;
import dev.gatehouse.accesslog.ApiCall;
import dev.gatehouse.accesslog.CallQuery;
import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.gateway.Throttles;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Traffic for the monitoring dashboards: two days of Northwind Recall reading appointments (it never
 * sends a message, so its messages:send scope is suggested for dropping) and, two hours ago, a
 * burst of calls to patient routes outside its scopes (a probing finding). The detectors run on
 * their schedule shortly after start ({@code gatehouse.monitoring.initial-delay} of the demo
 * profile). Seeded once. Recall is also throttled, as a detector whose pack rule says
 * {@code throttle: true} would do, so the operator's monitoring page has a throttle to lift; it is
 * imposed again at each start while none is in force.
 */
@Component
@Profile("demo")
@Order(2)
class DemoMonitoring implements ApplicationRunner {

	static final String RECALL = "Northwind Recall";

	private static final Logger log = LoggerFactory.getLogger(DemoMonitoring.class);

	private final AppRegistry registry;

	private final AccessLog accessLog;

	private final Throttles throttles;

	private final Clock clock;

	DemoMonitoring(AppRegistry registry, AccessLog accessLog, Throttles throttles, Clock clock) {
		this.registry = registry;
		this.accessLog = accessLog;
		this.throttles = throttles;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		App recall = registry.search(RECALL, null, 5, 0).stream().filter(a -> a.name().equals(RECALL)).findFirst()
			.orElse(null);
		if (recall != null) {
			// Returns the throttle in force unchanged, if there is one.
			throttles.impose(recall.id().value(), null, 30, Duration.ofDays(7),
					"check.anomaly.probing: 120 refused patient reads in four minutes (demo)", "monitoring");
		}
		Instant end = clock.instant().truncatedTo(ChronoUnit.MINUTES);
		if (recall == null || !accessLog.calls(CallQuery.between(end.minus(Duration.ofDays(400)), end.plusSeconds(60), 1)
			.app(recall.id().value())).isEmpty()) {
			return;
		}
		var random = new Random(20261202L);
		UUID installation = UUID.nameUUIDFromBytes("demo-recall-installation".getBytes());
		UUID account = UUID.nameUUIDFromBytes("demo-recall-account".getBytes());
		String client = "demo-recall";
		int count = 0;
		for (Instant at = end.minus(Duration.ofDays(2)); at.isBefore(end); at = at.plus(Duration.ofMinutes(20))) {
			accessLog.record(new ApiCall(UUID.randomUUID(), at.plusSeconds(random.nextInt(600)), recall.id().value(), client,
					installation, account, "appointments.list", "GET", "/v1/appointments", 200,
					3_000 + random.nextInt(9_000), 0, 2_000 + random.nextInt(3_000), List.of("appointments:read"),
					List.of("appointments"), List.of("patient-" + (1000 + random.nextInt(400))), "198.51.100.40", null));
			count++;
		}
		Instant burst = end.minus(Duration.ofHours(2));
		// 120 refusals in four minutes: however the detector's 10-minute buckets fall, one holds at
		// least 60, above every bundled pack's threshold.
		for (int i = 0; i < 120; i++) {
			String patient = "patient-" + (1000 + i % 60);
			accessLog.record(new ApiCall(UUID.randomUUID(), burst.plusSeconds(i * 2L), recall.id().value(), client,
					installation, account, "patients.read", "GET", "/v1/patients/" + patient, 403, 400, 0, 180,
					List.of("patients:read"), List.of("contact", "health"), List.of(), "198.51.100.40",
					"insufficient_scope"));
			count++;
		}
		accessLog.flush();
		log.info("Seeded {} demo API calls of {} for the monitoring dashboards", count, RECALL);
	}

}
