package dev.gatehouse.demo;

import dev.gatehouse.accesslog.AccessLog;
import dev.gatehouse.accesslog.ApiCall;
import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.marketplace.CustomerAccounts;
import dev.gatehouse.marketplace.Installation;
import dev.gatehouse.marketplace.Installations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
 * Three days of API calls by Northwind Reminders in Riverside Clinic, so the traffic pages have a
 * chart: busy clinic hours, quiet nights, a few errors and a burst of rate limiting. Seeded once
 * (nothing is added while the installation has calls), after {@link DemoData}.
 */
@Component
@Profile("demo")
@Order(1)
class DemoTraffic implements ApplicationRunner {

	static final Duration SPAN = Duration.ofDays(3);

	private static final Logger log = LoggerFactory.getLogger(DemoTraffic.class);

	private final Accounts accounts;

	private final CustomerAccounts customers;

	private final Installations installations;

	private final AppRegistry registry;

	private final DemoLogins logins;

	private final AccessLog accessLog;

	private final Clock clock;

	DemoTraffic(Accounts accounts, CustomerAccounts customers, Installations installations, AppRegistry registry,
			DemoLogins logins, AccessLog accessLog, Clock clock) {
		this.accounts = accounts;
		this.customers = customers;
		this.installations = installations;
		this.registry = registry;
		this.logins = logins;
		this.accessLog = accessLog;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		var owner = accounts.findByEmail("owner@riverside-clinic.example").orElse(null);
		if (owner == null) {
			return;
		}
		var clinic = customers.membershipsOf(owner.id()).getFirst().account();
		Installation reminders = installations.ofAccount(clinic.id())
			.stream()
			.filter(i -> i.active() && registry.find(i.appId()).map(App::name).filter("Northwind Reminders"::equals).isPresent())
			.findFirst()
			.orElse(null);
		if (reminders == null || !accessLog.lastCalls(List.of(reminders.id().value())).isEmpty()) {
			return;
		}
		String clientId = logins.loadClients().stream().findFirst().map(DemoClient::clientId).orElse(null);
		int calls = seed(reminders, clientId);
		accessLog.flush();
		log.info("Seeded {} demo API calls of Northwind Reminders in Riverside Clinic", calls);
	}

	private int seed(Installation installation, String clientId) {
		var random = new Random(20260301L);
		Instant end = clock.instant().truncatedTo(ChronoUnit.MINUTES);
		Instant start = end.minus(SPAN);
		int count = 0;
		for (Instant minute = start; minute.isBefore(end); minute = minute.plus(Duration.ofMinutes(1))) {
			int hour = minute.atZone(ZoneOffset.UTC).getHour();
			// Clinic hours (07:00 to 19:00 UTC) are busy; at night only the reminder runs poll now and then.
			double perMinute = hour >= 7 && hour < 19 ? 3.0 : 0.3;
			boolean burst = hour == 9 && minute.atZone(ZoneOffset.UTC).getDayOfMonth() % 2 == 0
					&& minute.atZone(ZoneOffset.UTC).getMinute() < 10;
			int n = poisson(random, burst ? 25 : perMinute);
			for (int i = 0; i < n; i++) {
				accessLog.record(call(installation, clientId, minute.plusMillis(random.nextInt(60_000)), random, burst));
				count++;
			}
		}
		return count;
	}

	private static ApiCall call(Installation installation, String clientId, Instant at, Random random, boolean burst) {
		String patient = "patient-" + (1000 + random.nextInt(400));
		int kind = random.nextInt(10);
		String route;
		String method;
		String path;
		List<String> scopes;
		List<String> categories;
		List<String> subjects;
		if (kind < 6) {
			route = "appointments.list";
			method = "GET";
			path = "/v1/appointments";
			scopes = List.of("appointments:read");
			categories = List.of("appointments");
			subjects = List.of(patient, "patient-" + (1000 + random.nextInt(400)), "patient-" + (1000 + random.nextInt(400)));
		}
		else if (kind < 8) {
			route = "appointments.read";
			method = "GET";
			path = "/v1/appointments/" + UUID.nameUUIDFromBytes(patient.getBytes());
			scopes = List.of("appointments:read");
			categories = List.of("appointments");
			subjects = List.of(patient);
		}
		else {
			route = "messages.send";
			method = "POST";
			path = "/v1/messages";
			scopes = List.of("messages:send");
			categories = List.of("contact", "messages");
			subjects = List.of(patient);
		}
		int status = method.equals("POST") ? 202 : 200;
		String rejection = null;
		if (burst && random.nextInt(3) == 0) {
			status = 429;
			rejection = "rate_limited";
		}
		else if (random.nextInt(200) == 0) {
			status = 502;
		}
		else if (random.nextInt(150) == 0) {
			status = 404;
		}
		boolean forwarded = rejection == null;
		long latency = forwarded ? 4_000 + (long) (Math.abs(random.nextGaussian()) * 18_000) : 300 + random.nextInt(400);
		return new ApiCall(UUID.randomUUID(), at, installation.appId().value(), clientId, installation.id().value(),
				installation.accountId().value(), route, method, path, status, latency,
				method.equals("POST") ? 180 + random.nextInt(200) : 0, forwarded ? 400 + random.nextInt(6_000) : 120,
				scopes, categories, status < 400 ? subjects : List.of(), "198.51.100." + (10 + random.nextInt(3)), rejection);
	}

	private static int poisson(Random random, double mean) {
		double limit = Math.exp(-mean);
		double p = random.nextDouble();
		int n = 0;
		while (p > limit) {
			p *= random.nextDouble();
			n++;
		}
		return n;
	}

}
