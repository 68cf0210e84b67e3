package dev.gatehouse.review;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppId;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.apps.Revision;
import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.developers.Organization;
import dev.gatehouse.policy.pack.Mechanisms;
import dev.gatehouse.policy.pack.PolicyPack;
import dev.gatehouse.review.ComplianceReport.AppSummary;
import dev.gatehouse.review.ComplianceReport.AuditSummary;
import dev.gatehouse.review.ComplianceReport.ClauseReport;
import dev.gatehouse.review.ComplianceReport.EvidenceReport;
import dev.gatehouse.review.ComplianceReport.HistoryEntry;
import dev.gatehouse.review.ComplianceReport.MechanismReport;
import dev.gatehouse.review.ComplianceReport.PackSummary;
import dev.gatehouse.review.ComplianceReport.ReviewSummary;
import dev.gatehouse.review.ComplianceReport.ShownRun;
import dev.gatehouse.review.internal.ReviewTerms;
import dev.gatehouse.review.internal.ReviewRepository;
import dev.gatehouse.shared.pdf.PdfReport;
import dev.gatehouse.shared.web.InputRejectedException;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

/** Builds an app's compliance report ({@code report.compliance-export}) and prints it as PDF. */
@Service
public class ComplianceReports {

	static final int HISTORY = 10;

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

	private final AppRegistry registry;

	private final DeveloperOrganizations organizations;

	private final AppChecks checks;

	private final Reviews reviews;

	private final ReviewRepository marks;

	private final Audits audits;

	private final ReviewTerms terms;

	private final Clock clock;

	ComplianceReports(AppRegistry registry, DeveloperOrganizations organizations, AppChecks checks, Reviews reviews,
			ReviewRepository marks, Audits audits, ReviewTerms terms, Clock clock) {
		this.registry = registry;
		this.organizations = organizations;
		this.checks = checks;
		this.reviews = reviews;
		this.marks = marks;
		this.audits = audits;
		this.terms = terms;
		this.clock = clock;
	}

	public ComplianceReport report(AppId id) {
		App app = registry.require(id);
		PolicyPack pack = terms.pack()
			.orElseThrow(() -> new InputRejectedException("pack", "No developer policy is published yet: nothing to report against."));
		Optional<Organization> org = organizations.find(app.organizationId());
		Optional<Revision> live = registry.liveRevision(app);
		List<CheckRun> runs = checks.runs(app.id(), 100).stream().filter(CheckRun::done).toList();
		Optional<CheckRun> run = live.flatMap(r -> runs.stream().filter(x -> x.revisionId().equals(r.id())).findFirst())
			.or(() -> runs.stream().findFirst());
		List<CheckResult> results = run.map(r -> checks.results(r.id())).orElse(List.of());
		List<Review> appReviews = reviews.ofApp(app.id());
		Map<String, Mark> reviewMarks = appReviews.stream()
			.filter(r -> r.status() != ReviewStatus.WITHDRAWN)
			.findFirst()
			.map(r -> index(marks.marks(r.id(), null)))
			.orElse(Map.of());
		List<Audit> appAudits = audits.ofApp(app.id());
		Map<String, Mark> auditMarks = appAudits.stream().findFirst().map(a -> index(marks.marks(null, a.id()))).orElse(Map.of());
		List<EvidenceRequest> requests = audits.evidenceRequests(app.id());
		List<ClauseReport> clauses = new ArrayList<>();
		for (PolicyPack.Clause clause : pack.clauses()) {
			List<MechanismReport> mechanisms = clause.mechanisms()
				.stream()
				.map(m -> new MechanismReport(m.id(), Mechanisms.find(m.id()).map(x -> x.kind().name()).orElse("UNKNOWN")))
				.toList();
			List<EvidenceReport> evidence = requests.stream()
				.filter(r -> r.clauseId().equals(clause.id()))
				.map(r -> new EvidenceReport(r.id().toString(), r.request(), r.status(), r.requestedAt(), r.dueAt(),
						r.answeredAt(), audits.files(r.id())))
				.toList();
			List<HistoryEntry> history = checks.history(app.id(), clause.id(), HISTORY)
				.stream()
				.map(h -> new HistoryEntry(h.checkedAt(), h.mechanismId(), h.outcome().label(), h.summary()))
				.toList();
			clauses.add(new ClauseReport(clause.id(), clause.section(), clause.title(), clause.severity().name().toLowerCase(),
					clause.covers(), mechanisms, results.stream().filter(r -> r.clauseId().equals(clause.id())).toList(),
					reviewMarks.get(clause.id()), auditMarks.get(clause.id()), evidence, history));
		}
		var summary = new AppSummary(app.id().toString(), app.name(), app.status().name(), org.map(Organization::name).orElse(""),
				org.map(Organization::verified).orElse(false), audits.tier(app).name(), live.map(Revision::number).orElse(null),
				audits.nextDue(app).orElse(null));
		return new ComplianceReport(clock.instant(), summary, new PackSummary(pack.id(), pack.version(), pack.platformName()),
				run.map(r -> new ShownRun(r.id().toString(), r.revisionNumber(), r.trigger().name(), r.finishedAt())).orElse(null),
				clauses,
				appReviews.stream()
					.map(r -> new ReviewSummary(r.id().toString(), r.revisionNumber(), r.status().name(), r.submittedAt(),
							r.decidedAt(), r.decidedBy(), r.decisionNote()))
					.toList(),
				appAudits.stream()
					.map(a -> new AuditSummary(a.id().toString(), a.tier().name(), a.reason(), a.openedAt(), a.dueAt(),
							a.outcome() == null ? null : a.outcome().name(), a.closedAt(), a.outcomeNote()))
					.toList());
	}

	/** The report as a PDF: a summary, the clause table, then evidence, audits, reviews and history. */
	public byte[] pdf(AppId id) {
		ComplianceReport report = report(id);
		var app = report.app();
		var pdf = PdfReport.titled("Compliance report: " + app.name())
			.subtitle(report.pack().platformName() + " developer policy " + report.pack().version() + ", generated "
					+ WHEN.format(report.generatedAt()))
			.createdAt(report.generatedAt());
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("App", app.name() + " (" + app.id() + ")");
		fields.put("Developer", app.organization() + (app.verifiedPublisher() ? " (verified publisher)" : ""));
		fields.put("Status", app.status().toLowerCase().replace('_', ' '));
		fields.put("Live revision", app.liveRevision() == null ? "none" : String.valueOf(app.liveRevision()));
		fields.put("Risk tier", app.riskTier().toLowerCase());
		fields.put("Next audit due", app.nextAuditDue() == null ? "not scheduled" : WHEN.format(app.nextAuditDue()));
		fields.put("Policy pack", report.pack().id() + " " + report.pack().version());
		fields.put("Checks shown", report.latestRun() == null ? "no finished run"
				: "run of revision " + report.latestRun().revision() + " (" + report.latestRun().trigger().toLowerCase()
						+ "), " + WHEN.format(report.latestRun().finishedAt()));
		pdf.fields(fields);
		pdf.heading("Clauses");
		pdf.table(List.of("Clause", "Title", "Mechanisms", "Status", "Latest results", "Marks"), report.clauses()
			.stream()
			.map(c -> List.of(c.id(), c.title() + " (" + c.severity() + ")",
					c.mechanisms().stream().map(MechanismReport::id).collect(Collectors.joining(", ")), c.status(),
					c.latestResults().stream().map(r -> r.mechanismId() + ": " + r.outcome().label() + ". " + r.summary())
						.collect(Collectors.joining("\n")),
					marks(c)))
			.toList(), 1f, 2.2f, 2.4f, 1.2f, 4f, 2f);
		List<List<String>> evidence = report.clauses()
			.stream()
			.flatMap(c -> c.evidence().stream().map(e -> List.of(c.id(), e.request(), e.status().toLowerCase(),
					WHEN.format(e.dueAt()), e.files().stream().map(f -> f.fileName() + " (" + f.sizeBytes() + " bytes, sha256 "
							+ f.sha256().substring(0, 12) + "…)").collect(Collectors.joining("\n")))))
			.toList();
		pdf.heading("Evidence requests");
		if (evidence.isEmpty()) {
			pdf.paragraph("None.");
		}
		else {
			pdf.table(List.of("Clause", "Request", "Status", "Due", "Files"), evidence, 1f, 4f, 1.2f, 1.8f, 3f);
		}
		pdf.heading("Audits");
		if (report.audits().isEmpty()) {
			pdf.paragraph("None yet.");
		}
		else {
			pdf.table(List.of("Opened", "Tier", "Reason", "Outcome", "Note"), report.audits()
				.stream()
				.map(a -> List.of(WHEN.format(a.openedAt()), a.tier().toLowerCase(), a.reason().toLowerCase(),
						a.outcome() == null ? "open" : a.outcome().toLowerCase().replace('_', ' '), nz(a.note())))
				.toList(), 2f, 1.2f, 1.4f, 1.8f, 4f);
		}
		pdf.heading("Reviews");
		if (report.reviews().isEmpty()) {
			pdf.paragraph("None yet.");
		}
		else {
			pdf.table(List.of("Revision", "Submitted", "Decision", "By", "Note"), report.reviews()
				.stream()
				.map(r -> List.of(String.valueOf(r.revision()), WHEN.format(r.submittedAt()),
						r.status().toLowerCase().replace('_', ' '), nz(r.decidedBy()), nz(r.note())))
				.toList(), 1f, 2f, 1.8f, 2.2f, 4f);
		}
		pdf.heading("Check history");
		List<List<String>> history = report.clauses()
			.stream()
			.flatMap(c -> c.history().stream().map(h -> List.of(c.id(), WHEN.format(h.checkedAt()), h.mechanism(), h.outcome(),
					h.summary())))
			.toList();
		if (history.isEmpty()) {
			pdf.paragraph("No checks have run yet.");
		}
		else {
			pdf.table(List.of("Clause", "When", "Check", "Outcome", "Summary"), history, 1f, 2f, 2.4f, 1.3f, 4.5f);
		}
		return pdf.toBytes();
	}

	private static String marks(ClauseReport clause) {
		List<String> lines = new ArrayList<>();
		if (clause.reviewMark() != null) {
			lines.add("review: " + clause.reviewMark().mark().label() + (clause.reviewMark().note() == null ? ""
					: " (" + clause.reviewMark().note() + ")"));
		}
		if (clause.auditMark() != null) {
			lines.add("audit: " + clause.auditMark().mark().label() + (clause.auditMark().note() == null ? ""
					: " (" + clause.auditMark().note() + ")"));
		}
		return String.join("\n", lines);
	}

	private static Map<String, Mark> index(List<Mark> marks) {
		Map<String, Mark> map = new LinkedHashMap<>();
		marks.forEach(m -> map.put(m.clauseId(), m));
		return map;
	}

	private static String nz(String value) {
		return value == null ? "" : value;
	}

}
