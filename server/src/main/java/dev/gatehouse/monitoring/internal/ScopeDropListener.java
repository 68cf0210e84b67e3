package dev.gatehouse.monitoring.internal;

import dev.gatehouse.apps.AppEvents.ScopesDropped;
import dev.gatehouse.enforcement.FindingStatus;
import dev.gatehouse.enforcement.Findings;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When a developer drops scopes, the open unused-scope findings of the app are resolved and its
 * suggestion is recomputed by the next run: the evidence no longer matches the live revision.
 */
@Component
class ScopeDropListener {

	private final Findings findings;

	private final MonitoringRepository repository;

	ScopeDropListener(Findings findings, MonitoringRepository repository) {
		this.findings = findings;
		this.repository = repository;
	}

	@EventListener
	void on(ScopesDropped dropped) {
		repository.deleteSuggestion(dropped.appId().value());
		findings.forSubject("app", dropped.appId().toString())
			.stream()
			.filter(f -> f.status() == FindingStatus.OPEN && Reporter.SOURCE.equals(f.source())
					&& LeastPrivilegeDetector.ID.equals(f.evidence().get("mechanism")))
			.forEach(f -> findings.close(f.id(), FindingStatus.RESOLVED,
					"Scopes dropped in revision " + dropped.number() + ": " + String.join(" ", dropped.scopes())));
	}

}
