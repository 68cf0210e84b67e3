package dev.gatehouse.demo;

import dev.gatehouse.accesslog.AccessLog;
import dev.gatehouse.marketplace.Installation;
import dev.gatehouse.privacy.FileRequestCommand;
import dev.gatehouse.privacy.Filer;
import dev.gatehouse.privacy.PrivacyRequests;
import dev.gatehouse.privacy.RequestKind;

import java.time.Clock;
import java.util.List;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Riverside Clinic asked for a patient's erasure: the patient is one Northwind Reminders read in
 * the demo traffic, so the app is told and its answer is awaited. Seeded once, after {@link DemoTraffic}.
 */
@Component
@Profile("demo")
@Order(2)
class DemoPrivacy implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoPrivacy.class);

	private final DemoRiverside riverside;

	private final AccessLog accessLog;

	private final PrivacyRequests privacy;

	private final Clock clock;

	DemoPrivacy(DemoRiverside riverside,
			AccessLog accessLog, PrivacyRequests privacy, Clock clock) {
		this.riverside = riverside;
		this.accessLog = accessLog;
		this.privacy = privacy;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		var found = riverside.reminders().orElse(null);
		if (found == null || !privacy.ofAccount(found.clinic().id(), 1).isEmpty()) {
			return;
		}
		var clinic = found.clinic();
		Installation reminders = found.installation();
		var now = clock.instant();
		String patient = IntStream.range(1000, 1400)
			.mapToObj(n -> "patient-" + n)
			.filter(p -> accessLog.appsTouchingSubject(clinic.id().value(), p, now.minus(DemoTraffic.SPAN).minusSeconds(3600), now)
				.stream()
				.anyMatch(t -> t.appId().equals(reminders.appId().value())))
			.findFirst()
			.orElse(null);
		if (patient == null) {
			return;
		}
		var owner = riverside.owner().orElseThrow();
		var request = privacy.file(new FileRequestCommand(clinic.id(), RequestKind.ERASURE, List.of(patient), null),
				Filer.customer(owner.id(), owner.email()));
		log.info("Filed a demo erasure request for {} in Riverside Clinic ({} app(s) told)", patient,
				privacy.recipients(request.id()).size());
	}

}
