package dev.gatehouse.demo;

import dev.gatehouse.enforcement.AbuseReports;
import dev.gatehouse.enforcement.Violations;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A violation by Northwind Reminders waiting for the operator's decision on the ladder's proposal,
 * and an abuse report from Riverside Clinic waiting for triage. Seeded once, after {@link DemoPrivacy}.
 */
@Component
@Profile("demo")
@Order(3)
class DemoEnforcement implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoEnforcement.class);

	private final DemoRiverside riverside;

	private final Violations violations;

	private final AbuseReports reports;

	DemoEnforcement(DemoRiverside riverside, Violations violations, AbuseReports reports) {
		this.riverside = riverside;
		this.violations = violations;
		this.reports = reports;
	}

	@Override
	public void run(ApplicationArguments args) {
		var found = riverside.reminders().orElse(null);
		var owner = riverside.owner().orElse(null);
		if (found == null || owner == null || !reports.ofApp(found.installation().appId()).isEmpty()) {
			return;
		}
		String app = found.installation().appId().toString();
		String clause = violations.clauseUsing("check.url-reachable").orElse("DP-5");
		var violation = violations.open(new Violations.NewViolation(clause, "app", app, "check.url-reachable",
				"Demo data: the listing's privacy policy link answered 404 on three checks in a row.",
				List.of("https://reminders.northwind-apps.example/privacy"), List.of(), false, false),
				"compliance@gatehouse.demo");
		reports.report(found.installation().appId(), owner.id(), "spam",
				"Demo data: patients got the same reminder text five times in one night.");
		log.info("Seeded a demo violation ({}) and an abuse report", violation.id());
	}

}
