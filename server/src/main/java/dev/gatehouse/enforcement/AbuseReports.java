package dev.gatehouse.enforcement;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppId;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.enforcement.EnforcementEvents.AbuseReportTriaged;
import dev.gatehouse.enforcement.EnforcementEvents.AbuseReported;
import dev.gatehouse.enforcement.internal.AbuseReportRepository;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.shared.web.InputRejectedException;
import dev.gatehouse.shared.web.NotFoundException;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Customers report an app; operators triage the queue, dismiss a report or make it a violation. */
@Service
public class AbuseReports {

	public static final Map<String, String> CATEGORIES;

	static {
		var categories = new LinkedHashMap<String, String>();
		categories.put("privacy", "It misuses my data or my clients' data");
		categories.put("security", "It looks insecure or compromised");
		categories.put("misleading", "It is misleading or impersonates someone");
		categories.put("spam", "It sends spam or unwanted messages");
		categories.put("harmful", "It is harmful, offensive or illegal");
		categories.put("other", "Something else");
		CATEGORIES = java.util.Collections.unmodifiableMap(categories);
	}

	static final int MAX_DESCRIPTION = 5000;

	private final AbuseReportRepository reports;

	private final Violations violations;

	private final AppRegistry registry;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	AbuseReports(AbuseReportRepository reports, Violations violations, AppRegistry registry,
			ApplicationEventPublisher events, Clock clock) {
		this.reports = reports;
		this.violations = violations;
		this.registry = registry;
		this.events = events;
		this.clock = clock;
	}

	/** An app that can be reported: one that was ever approved (listed, installed, or suspended since). */
	public App reportable(AppId id) {
		return registry.find(id).filter(app -> app.liveRevisionId() != null).orElseThrow(() -> new NotFoundException("No such app."));
	}

	@Transactional
	public AbuseReport report(AppId appId, UserId reporter, String category, String description) {
		App app = reportable(appId);
		if (category == null || !CATEGORIES.containsKey(category)) {
			throw new InputRejectedException("category", "Choose what is wrong.");
		}
		if (description == null || description.isBlank() || description.length() > MAX_DESCRIPTION) {
			throw new InputRejectedException("description",
					"Describe what happened (at most " + MAX_DESCRIPTION + " characters).");
		}
		var report = new AbuseReport(UUID.randomUUID(), app.id().value(), reporter.value(), category,
				description.strip(), AbuseReportStatus.OPEN, clock.instant(), null, null, null, null);
		reports.insert(report);
		events.publishEvent(new AbuseReported(report.id(), app.id().value(), category));
		return report;
	}

	@Transactional
	public void dismiss(UUID reportId, String note, String operator) {
		String why = requireNote(note);
		if (!reports.triage(reportId, AbuseReportStatus.DISMISSED, operator, why, null, clock.instant())) {
			throw new InputRejectedException("status", "This report was already triaged.");
		}
		events.publishEvent(new AbuseReportTriaged(reportId, AbuseReportStatus.DISMISSED, null, why));
	}

	/** Makes the report a violation of {@code clauseId} by the app, with the ladder's proposal. */
	@Transactional
	public Violation convert(UUID reportId, String clauseId, String note, String operator) {
		AbuseReport report = require(reportId);
		String why = requireNote(note);
		if (clauseId == null || violations.clause(clauseId).isEmpty()) {
			throw new InputRejectedException("clauseId", "Choose the clause of the policy in force that the app broke.");
		}
		Violation violation = violations.open(new Violations.NewViolation(clauseId, "app", report.appId().toString(),
				"abuse-report", "Abuse report (" + report.category() + "): " + abbreviate(report.description()),
				List.of("/operator/enforcement/abuse-reports/" + reportId), List.of(), false, false), operator);
		if (!reports.triage(reportId, AbuseReportStatus.CONVERTED, operator, why, violation.id(), clock.instant())) {
			throw new InputRejectedException("status", "This report was already triaged.");
		}
		events.publishEvent(new AbuseReportTriaged(reportId, AbuseReportStatus.CONVERTED, violation.id(), why));
		return violation;
	}

	public AbuseReport require(UUID id) {
		return reports.find(id).orElseThrow(() -> new NotFoundException("No such abuse report."));
	}

	public List<AbuseReport> ofApp(AppId appId) {
		return reports.ofApp(appId.value());
	}

	public List<AbuseReport> queue(AbuseReportStatus status, int limit, int offset) {
		return reports.find(status, limit, offset);
	}

	private static String requireNote(String note) {
		if (note == null || note.isBlank()) {
			throw new InputRejectedException("note", "Say why: the note is recorded.");
		}
		return note.strip();
	}

	private static String abbreviate(String text) {
		String line = text.replaceAll("\\s+", " ");
		return line.length() > 200 ? line.substring(0, 199) + "…" : line;
	}

}
