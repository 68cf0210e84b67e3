package dev.gatehouse.demo;

import dev.gatehouse.incidents.Incidents;
import dev.gatehouse.incidents.IntakeCommand;
import dev.gatehouse.incidents.Reporter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Northwind Reminders self-reported, through the app API, that a misconfigured export bucket exposed
 * the contact data its reminder runs read over the last two days: an open incident whose blast radius
 * comes from the demo traffic in Riverside Clinic, with its notice drafted and not yet sent, so the
 * operator can review and send it. Seeded once, after {@link DemoTraffic}.
 */
@Component
@Profile("demo")
@Order(3)
class DemoIncident implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoIncident.class);

	private final DemoRiverside riverside;

	private final Incidents incidents;

	private final Clock clock;

	DemoIncident(DemoRiverside riverside, Incidents incidents, Clock clock) {
		this.riverside = riverside;
		this.incidents = incidents;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		var found = riverside.reminders().orElse(null);
		if (found == null) {
			return;
		}
		var app = found.installation().appId();
		if (!incidents.ofApp(app, 1).isEmpty()) {
			return;
		}
		Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
		var incident = incidents.open(new IntakeCommand("Reminder export bucket readable without authentication",
				List.of(app.value()), now.minus(Duration.ofHours(5)), now.minus(Duration.ofDays(2)), now,
				List.of("contact", "messages"),
				"A storage bucket holding the nightly reminder export (patient names, phone numbers and the text of "
						+ "reminder messages) was readable by anyone with its address after a configuration change.",
				"The bucket was made private and its address rotated; access logs of the bucket are being reviewed.",
				"security@northwind-reminders.example, +1 555 0100", null), Reporter.app(app.value(), null));
		incidents.draft(incident.id(), "demo");
		var snapshot = incidents.currentSnapshot(incident.id()).orElseThrow();
		log.info("Opened demo incident {} ({} account(s), {} subject(s) affected)", incident.reference(),
				snapshot.accounts(), snapshot.subjects());
	}

}
