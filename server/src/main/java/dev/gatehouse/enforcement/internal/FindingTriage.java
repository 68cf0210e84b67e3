package dev.gatehouse.enforcement.internal;

import dev.gatehouse.apps.AppId;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.developers.OrganizationId;
import dev.gatehouse.enforcement.FindingRecorded;
import dev.gatehouse.enforcement.Violations;

import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A finding of a clause whose severity the pack lists in {@code triage.autoViolationSeverities}
 * becomes a violation at once, in the reporter's transaction; the others wait for an operator.
 */
@Component
class FindingTriage {

	private final EnforcementTerms terms;

	private final Violations violations;

	private final AppRegistry registry;

	private final DeveloperOrganizations organizations;

	FindingTriage(EnforcementTerms terms, Violations violations, AppRegistry registry,
			DeveloperOrganizations organizations) {
		this.terms = terms;
		this.violations = violations;
		this.registry = registry;
		this.organizations = organizations;
	}

	@EventListener
	void on(FindingRecorded recorded) {
		if (terms.autoViolationSeverities().contains(terms.severityOf(recorded.clauseId())) && subjectExists(recorded)) {
			violations.fromFinding(recorded.findingId(), "system");
		}
	}

	/** Checked first: a failure inside the transaction would roll back the reporter's work too. */
	private boolean subjectExists(FindingRecorded recorded) {
		try {
			return switch (recorded.subjectType()) {
				case "app" -> registry.find(AppId.of(recorded.subjectId())).isPresent();
				case "organization" -> organizations.find(new OrganizationId(UUID.fromString(recorded.subjectId()))).isPresent();
				default -> false;
			};
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
