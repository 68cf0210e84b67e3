package dev.gatehouse.review;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppId;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.apps.AppStatus;
import dev.gatehouse.apps.Revision;
import dev.gatehouse.apps.RevisionState;
import dev.gatehouse.apps.ScopeCatalogue;
import dev.gatehouse.apps.ScopeTier;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.policy.pack.PolicyPack;
import dev.gatehouse.review.ReviewEvents.AuditClosed;
import dev.gatehouse.review.ReviewEvents.AuditOpened;
import dev.gatehouse.review.ReviewEvents.ChecklistMarked;
import dev.gatehouse.review.ReviewEvents.EvidenceDecided;
import dev.gatehouse.review.ReviewEvents.EvidenceOverdue;
import dev.gatehouse.review.ReviewEvents.EvidenceRequested;
import dev.gatehouse.review.ReviewEvents.EvidenceSubmitted;
import dev.gatehouse.review.internal.AuditRepository;
import dev.gatehouse.review.internal.AuditSchedule;
import dev.gatehouse.review.internal.Checklists;
import dev.gatehouse.review.internal.DeveloperLetters;
import dev.gatehouse.review.internal.EvidenceTypes;
import dev.gatehouse.review.internal.ReviewTerms;
import dev.gatehouse.review.internal.ReviewRepository;
import dev.gatehouse.shared.findings.FindingReported;
import dev.gatehouse.shared.web.InputRejectedException;
import dev.gatehouse.shared.web.NotFoundException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Periodic audits by risk tier, requests for proof of compliance with deadlines, the developer's
 * evidence, and the outcome. Failed audit lines and missed evidence deadlines are findings against
 * their clause, marked as found by an audit (the penalty ladder weighs that).
 */
@Service
public class Audits {

	static final int ROUND_LIMIT = 200;

	private final AuditRepository audits;

	private final ReviewRepository marks;

	private final AppChecks checks;

	private final AppRegistry registry;

	private final ScopeCatalogue scopes;

	private final ReviewTerms terms;

	private final DeveloperLetters letters;

	private final ReviewProperties properties;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	Audits(AuditRepository audits, ReviewRepository marks, AppChecks checks, AppRegistry registry, ScopeCatalogue scopes,
			ReviewTerms terms, DeveloperLetters letters, ReviewProperties properties, ApplicationEventPublisher events,
			TransactionTemplate transactions, Clock clock) {
		this.audits = audits;
		this.marks = marks;
		this.checks = checks;
		this.registry = registry;
		this.scopes = scopes;
		this.terms = terms;
		this.letters = letters;
		this.properties = properties;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** The app's risk tier: the highest tier among the scopes of its live revision (else its draft). */
	public ScopeTier tier(App app) {
		Optional<Revision> revision = registry.liveRevision(app).or(() -> registry.draftRevision(app));
		return AuditSchedule.tier(revision.map(r -> r.content().scopes()).orElse(List.of()), scopes.byName());
	}

	public Duration interval(ScopeTier tier) {
		return AuditSchedule.interval(terms.pack().orElse(null), tier, properties);
	}

	/** When the app's next scheduled audit is due; empty for an app that never went live. */
	public Optional<Instant> nextDue(App app) {
		Instant firstLive = registry.revisions(app.id())
			.stream()
			.filter(r -> r.state() == RevisionState.APPROVED || r.state() == RevisionState.SUPERSEDED)
			.map(Revision::decidedAt)
			.filter(java.util.Objects::nonNull)
			.min(Instant::compareTo)
			.orElse(null);
		return Optional.ofNullable(AuditSchedule.nextDue(audits.lastOpened(app.id()).orElse(null), firstLive,
				interval(tier(app))));
	}

	/** Opens the scheduled audits that are due for live apps. @return audits opened */
	public int openDueAudits() {
		int opened = 0;
		Instant now = clock.instant();
		for (AppStatus status : List.of(AppStatus.PUBLISHED, AppStatus.APPROVED)) {
			for (int offset = 0;; offset += 200) {
				List<App> page = registry.search("", status, 200, offset);
				for (App app : page) {
					Optional<Instant> due = nextDue(app);
					if (due.isPresent() && !due.get().isAfter(now)) {
						Boolean done = transactions.execute(tx -> open(app.id(), "SCHEDULED", "system").isPresent());
						opened += Boolean.TRUE.equals(done) ? 1 : 0;
					}
				}
				if (page.size() < 200) {
					break;
				}
			}
		}
		return opened;
	}

	/**
	 * Opens an audit of the app: a checklist of every clause, the checks run again, and one evidence
	 * request per clause that names {@code flow.audit}. Empty when the app already has an open audit.
	 */
	@Transactional
	public Optional<Audit> open(AppId appId, String reason, String actor) {
		App app = registry.require(appId);
		Optional<Revision> live = registry.liveRevision(app);
		if (live.isEmpty()) {
			throw new InputRejectedException("app", "Only an app that went live can be audited.");
		}
		Instant now = clock.instant();
		Instant due = now.plus(terms.evidenceDeadline());
		UUID id = UUID.randomUUID();
		ScopeTier tier = tier(app);
		if (!audits.insertAudit(id, app.id(), tier, reason, actor, now, due)) {
			return Optional.empty();
		}
		List<PolicyPack.Clause> auditClauses = terms.pack()
			.map(p -> p.clauses().stream().filter(c -> c.mechanisms().stream().anyMatch(m -> m.id().equals("flow.audit"))).toList())
			.orElse(List.of());
		for (PolicyPack.Clause clause : auditClauses) {
			insertRequest(app.id(), id, clause.id(), "Send evidence that you meet " + clause.id() + " (" + clause.title()
					+ "): " + clause.text().strip(), actor, now, due);
		}
		checks.queue(app.id(), live.get().id(), CheckTrigger.AUDIT, actor);
		events.publishEvent(new AuditOpened(id, app.id(), tier.name(), reason, auditClauses.size()));
		letters.send(app.id(), "Audit opened",
				"Your app is being audited (" + ("SCHEDULED".equals(reason) ? "scheduled, " + tier.name().toLowerCase()
						+ " risk" : "on request") + "). " + (auditClauses.isEmpty() ? ""
								: "Send the evidence requested by " + Reviews.DATE.format(due) + "."));
		return audits.audit(id);
	}

	public Audit require(UUID id) {
		return audits.audit(id).orElseThrow(() -> new NotFoundException("No such audit."));
	}

	public List<Audit> ofApp(AppId app) {
		return audits.audits(app);
	}

	public List<Audit> openAudits() {
		return audits.openAudits(500);
	}

	/** The audit's checklist: every clause, the latest results on the live revision, the auditor's marks. */
	public List<ChecklistLine> checklist(Audit audit) {
		PolicyPack pack = terms.pack().orElse(null);
		if (pack == null) {
			return List.of();
		}
		App app = registry.require(audit.appId());
		List<CheckResult> results = registry.liveRevision(app)
			.flatMap(r -> checks.latestDone(r.id()))
			.map(run -> checks.results(run.id()))
			.orElse(List.of());
		return Checklists.of(pack, results, marks.marks(null, audit.id()), true);
	}

	@Transactional
	public void mark(UUID auditId, String clauseId, CheckOutcome mark, String note, String auditor) {
		Audit audit = lockOpen(auditId);
		if (!terms.hasClause(clauseId)) {
			throw new InputRejectedException("clause", "The policy in force has no clause " + clauseId + ".");
		}
		if (mark == null || mark == CheckOutcome.ERROR) {
			throw new InputRejectedException("mark", "Choose pass, fail or not applicable.");
		}
		String text = note == null || note.isBlank() ? null : note.strip();
		if (mark == CheckOutcome.FAIL && text == null) {
			throw new InputRejectedException("note", "Say what the audit found: it becomes the finding.");
		}
		marks.mark(null, audit.id(), clauseId, mark, text, auditor, clock.instant());
		events.publishEvent(new ChecklistMarked(null, audit.id(), clauseId, mark.name()));
	}

	/**
	 * Records the outcome. Every line marked failed becomes a finding against its clause; an audit
	 * with failed lines cannot be closed as passed.
	 */
	@Transactional
	public void close(UUID auditId, AuditOutcome outcome, String note, String auditor) {
		Audit audit = lockOpen(auditId);
		if (outcome == null) {
			throw new InputRejectedException("outcome", "Choose the outcome.");
		}
		List<Mark> failed = marks.marks(null, audit.id()).stream().filter(m -> m.mark() == CheckOutcome.FAIL).toList();
		if (outcome == AuditOutcome.PASSED && !failed.isEmpty()) {
			throw new InputRejectedException("outcome", failed.size() + " line(s) are marked failed: the audit did not pass.");
		}
		String text = note == null || note.isBlank() ? null : note.strip();
		if (outcome != AuditOutcome.PASSED && text == null) {
			throw new InputRejectedException("note", "Summarise what the audit found.");
		}
		audits.close(audit.id(), outcome, text, auditor, clock.instant());
		for (Mark line : failed) {
			Map<String, Object> evidence = new LinkedHashMap<>();
			evidence.put("audit", audit.id().toString());
			evidence.put("auditFound", true);
			evidence.put("note", line.note());
			evidence.put("markedBy", line.markedBy());
			evidence.put("markedAt", line.markedAt().toString());
			events.publishEvent(new FindingReported(line.clauseId(), "app", audit.appId().toString(), "flow.audit",
					"review:audit:" + audit.id() + ":" + line.clauseId(), "Audit finding on " + line.clauseId() + ": "
							+ line.note(), evidence));
		}
		events.publishEvent(new AuditClosed(audit.id(), audit.appId(), outcome.name(), failed.size()));
		letters.send(audit.appId(), "Audit closed: " + outcome.name().toLowerCase().replace('_', ' '),
				"The audit of your app is closed: " + outcome.name().toLowerCase().replace('_', ' ') + "."
						+ (text == null ? "" : "\n\n" + text));
	}

	/** Asks the developer for proof of compliance with a clause, in an audit or at any time. */
	@Transactional
	public EvidenceRequest requestEvidence(AppId appId, UUID auditId, String clauseId, String request, String actor) {
		App app = registry.require(appId);
		if (auditId != null) {
			Audit audit = lockOpen(auditId);
			if (!audit.appId().equals(app.id())) {
				throw new NotFoundException("No such audit of this app.");
			}
		}
		if (clauseId == null || !terms.hasClause(clauseId.strip())) {
			throw new InputRejectedException("clause", "Choose a clause of the policy in force.");
		}
		if (request == null || request.isBlank()) {
			throw new InputRejectedException("request", "Say what evidence you need.");
		}
		Instant now = clock.instant();
		Instant due = now.plus(terms.evidenceDeadline());
		UUID id = insertRequest(app.id(), auditId, clauseId.strip(), request.strip(), actor, now, due);
		letters.send(app.id(), "Evidence requested by " + Reviews.DATE.format(due),
				"Please send evidence for clause " + clauseId.strip() + " by " + Reviews.DATE.format(due) + ":\n\n"
						+ request.strip());
		return audits.request(id).orElseThrow();
	}

	public List<EvidenceRequest> evidenceRequests(AppId app) {
		return audits.requests(app);
	}

	public List<EvidenceRequest> evidenceRequestsOf(UUID auditId) {
		return audits.requestsOfAudit(auditId);
	}

	public EvidenceRequest requireRequest(UUID id) {
		return audits.request(id).orElseThrow(() -> new NotFoundException("No such evidence request."));
	}

	public List<EvidenceFile> files(UUID requestId) {
		return audits.files(requestId);
	}

	public Optional<EvidenceFile> file(UUID fileId) {
		return audits.file(fileId);
	}

	public Optional<byte[]> fileContent(UUID fileId) {
		return audits.content(fileId);
	}

	/**
	 * The developer answers a request with a note and files (each at most
	 * {@code evidence-max-file-size}, of an accepted type). A late answer is still taken; the missed
	 * deadline stays a finding.
	 */
	@Transactional
	public void submitEvidence(UUID requestId, UserId developer, String answer, List<EvidenceUpload> uploads) {
		EvidenceRequest request = audits.lockRequest(requestId).orElseThrow(() -> new NotFoundException("No such evidence request."));
		registry.requireForDeveloper(request.appId(), developer);
		if (!request.awaitingDeveloper()) {
			throw new InputRejectedException("status", "This request is " + request.status().toLowerCase() + ": nothing to send.");
		}
		List<EvidenceUpload> files = uploads == null ? List.of()
				: uploads.stream().filter(u -> u.content() != null && u.content().length > 0).toList();
		if ((answer == null || answer.isBlank()) && files.isEmpty()) {
			throw new InputRejectedException("answer", "Write an answer or attach at least one file.");
		}
		if (answer != null && answer.length() > 10_000) {
			throw new InputRejectedException("answer", "Keep the answer under 10,000 characters.");
		}
		if (audits.fileCount(request.id()) + files.size() > properties.evidenceMaxFiles()) {
			throw new InputRejectedException("files", "At most " + properties.evidenceMaxFiles() + " files per request.");
		}
		List<InputRejectedException.Violation> problems = new ArrayList<>();
		List<String> types = new ArrayList<>();
		for (EvidenceUpload file : files) {
			String name = safeName(file.fileName());
			if (file.content().length > properties.evidenceMaxFileSize().toBytes()) {
				problems.add(new InputRejectedException.Violation("files", name + " is larger than "
						+ properties.evidenceMaxFileSize().toMegabytes() + " MB."));
			}
			Optional<String> type = EvidenceTypes.sniff(file.content());
			if (type.isEmpty()) {
				problems.add(new InputRejectedException.Violation("files", name
						+ " is not a PDF, PNG, JPEG, ZIP or plain-text file."));
			}
			types.add(type.orElse(null));
		}
		if (!problems.isEmpty()) {
			throw new InputRejectedException(problems);
		}
		Instant now = clock.instant();
		for (int i = 0; i < files.size(); i++) {
			EvidenceUpload file = files.get(i);
			audits.insertFile(UUID.randomUUID(), request.id(), safeName(file.fileName()), types.get(i), file.content(),
					sha256(file.content()), developer.toString(), now);
		}
		audits.answer(request.id(), answer == null || answer.isBlank() ? null : answer.strip(), developer.toString(), now);
		events.publishEvent(new EvidenceSubmitted(request.id(), request.appId(), files.size()));
	}

	/** The operator accepts the evidence, or returns it with what is missing (the request opens again). */
	@Transactional
	public void decideEvidence(UUID requestId, boolean accept, String note, String operator) {
		EvidenceRequest request = audits.lockRequest(requestId).orElseThrow(() -> new NotFoundException("No such evidence request."));
		if (!"ANSWERED".equals(request.status())) {
			throw new InputRejectedException("status", "Only answered requests can be accepted or returned.");
		}
		String text = note == null || note.isBlank() ? null : note.strip();
		if (!accept && text == null) {
			throw new InputRejectedException("note", "Say what is missing: the developer reads it.");
		}
		Instant now = clock.instant();
		// a returned request keeps its deadline, but the developer gets at least a few days to complete it
		Instant due = accept ? request.dueAt() : max(request.dueAt(), now.plus(Duration.ofDays(3)));
		audits.decide(request.id(), accept, text, operator, due, now);
		events.publishEvent(new EvidenceDecided(request.id(), request.appId(), accept, text));
		if (!accept) {
			letters.send(request.appId(), "Evidence returned",
					"The evidence you sent for clause " + request.clauseId() + " is not enough. Complete it by "
							+ Reviews.DATE.format(due) + ":\n\n" + text);
		}
	}

	/** The audit planner and the evidence deadlines, as the schedule runs them. @return actions taken */
	public int runDeadlinesNow() {
		int done = 0;
		Instant now = clock.instant();
		List<EvidenceRequest> reminders = transactions.execute(tx -> {
			List<EvidenceRequest> claimed = audits.claimReminders(now.plus(properties.evidenceReminderBefore()), now, ROUND_LIMIT);
			claimed.forEach(r -> letters.send(r.appId(), "Evidence due " + Reviews.DATE.format(r.dueAt()),
					"A reminder: the evidence for clause " + r.clauseId() + " is due " + Reviews.DATE.format(r.dueAt())
							+ ".\n\n" + r.request()));
			return claimed;
		});
		done += reminders == null ? 0 : reminders.size();
		List<EvidenceRequest> overdue = transactions.execute(tx -> {
			List<EvidenceRequest> claimed = audits.claimOverdue(now, ROUND_LIMIT);
			for (EvidenceRequest r : claimed) {
				Map<String, Object> evidence = new LinkedHashMap<>();
				evidence.put("request", r.id().toString());
				evidence.put("audit", r.auditId() == null ? "" : r.auditId().toString());
				evidence.put("auditFound", r.auditId() != null);
				evidence.put("requestedAt", r.requestedAt().toString());
				evidence.put("dueAt", r.dueAt().toString());
				evidence.put("request text", r.request());
				events.publishEvent(new FindingReported(r.clauseId(), "app", r.appId().toString(), "flow.evidence-request",
						"review:evidence:" + r.id(), "Evidence for " + r.clauseId() + " was not sent by " + r.dueAt() + ".",
						evidence));
				events.publishEvent(new EvidenceOverdue(r.id(), r.appId(), r.clauseId()));
				letters.send(r.appId(), "Evidence deadline missed",
						"The evidence for clause " + r.clauseId() + " was due " + Reviews.DATE.format(r.dueAt())
								+ " and has not arrived. This is recorded as a finding; send it now.\n\n" + r.request());
			}
			return claimed;
		});
		done += overdue == null ? 0 : overdue.size();
		return done;
	}

	private UUID insertRequest(AppId app, UUID audit, String clause, String request, String actor, Instant now, Instant due) {
		UUID id = UUID.randomUUID();
		audits.insertRequest(id, app, audit, clause, request, actor, now, due);
		events.publishEvent(new EvidenceRequested(id, app, audit, clause, due.toString()));
		return id;
	}

	private Audit lockOpen(UUID id) {
		Audit audit = audits.lockAudit(id).orElseThrow(() -> new NotFoundException("No such audit."));
		if (!audit.open()) {
			throw new InputRejectedException("status", "This audit is closed.");
		}
		return audit;
	}

	private static String safeName(String name) {
		String base = name == null ? "" : name.replace('\\', '/');
		base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").strip();
		if (base.isEmpty()) {
			base = "evidence";
		}
		return base.length() > 200 ? base.substring(base.length() - 200) : base;
	}

	private static String sha256(byte[] content) {
		try {
			return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Instant max(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

}
