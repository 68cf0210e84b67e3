package dev.gatehouse.demo;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.apps.AppStatus;
import dev.gatehouse.policy.LegalDocuments;
import dev.gatehouse.policy.pack.PolicyPack;
import dev.gatehouse.review.AppChecks;
import dev.gatehouse.review.Audits;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Review and audits in the demo: Northwind Insights waits in the review queue with its automated
 * results (its listed sites are example hosts that never answer and its webhook has no signing
 * secret, so those checks fail, others pass, and the restricted-scope check does not apply), and
 * Northwind Reminders is under audit with evidence requests open. Seeded once, after the apps.
 */
@Component
@Profile("demo")
@Order(3)
class DemoReview implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoReview.class);

	private final AppRegistry registry;

	private final AppChecks checks;

	private final Audits audits;

	private final LegalDocuments legal;

	DemoReview(AppRegistry registry, AppChecks checks, Audits audits, LegalDocuments legal) {
		this.registry = registry;
		this.checks = checks;
		this.audits = audits;
		this.legal = legal;
	}

	@Override
	public void run(ApplicationArguments args) {
		Optional<App> reminders = byName("Northwind Reminders", AppStatus.PUBLISHED);
		if (reminders.isEmpty() || !audits.ofApp(reminders.get().id()).isEmpty()) {
			return;
		}
		// the submission's checks were queued when the demo apps were submitted; run them now so the queue shows results
		int ran = checks.runQueuedNow();
		App app = reminders.get();
		audits.open(app.id(), "ON_DEMAND", "compliance@gatehouse.demo");
		String clause = legal.currentPack()
			.flatMap(p -> p.clauses()
				.stream()
				.filter(c -> c.mechanisms().stream().anyMatch(m -> m.id().equals("flow.evidence-request")))
				.map(PolicyPack.Clause::id)
				.findFirst())
			.orElse(null);
		if (clause != null) {
			audits.requestEvidence(app.id(), null, clause,
					"Send the signed data processing agreement with TextFast Inc, who delivers your text messages.",
					"compliance@gatehouse.demo");
		}
		log.info("Demo review data: {} check run(s), an audit of {} with open evidence requests", ran, app.name());
	}

	private Optional<App> byName(String name, AppStatus status) {
		return registry.search(name, status, 5, 0).stream().filter(a -> a.name().equals(name)).findFirst();
	}

}
