package dev.gatehouse.enforcement;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppId;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.developers.Membership;
import dev.gatehouse.enforcement.EnforcementEvents.ActionTaken;
import dev.gatehouse.enforcement.EnforcementEvents.ViolationDismissed;
import dev.gatehouse.enforcement.EnforcementEvents.ViolationOpened;
import dev.gatehouse.enforcement.EnforcementEvents.ViolationReinstated;
import dev.gatehouse.enforcement.internal.ActionExecutor;
import dev.gatehouse.enforcement.internal.EnforcementTerms;
import dev.gatehouse.enforcement.internal.FindingRepository;
import dev.gatehouse.enforcement.internal.NoticeSender;
import dev.gatehouse.enforcement.internal.ViolationRepository;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.policy.pack.PenaltyAction;
import dev.gatehouse.policy.pack.PolicyPack;
import dev.gatehouse.policy.pack.Severity;
import dev.gatehouse.shared.web.InputRejectedException;
import dev.gatehouse.shared.web.NotFoundException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The enforcement module's facade for violations: opened from findings and abuse reports with the
 * ladder's proposal, decided by an operator (the action takes effect in the same transaction),
 * reinstated after remediation, dismissed.
 */
@Service
public class Violations {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

	private final ViolationRepository violations;

	private final FindingRepository findings;

	private final EnforcementTerms terms;

	private final ActionExecutor executor;

	private final NoticeSender notices;

	private final AppRegistry registry;

	private final DeveloperOrganizations organizations;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Violations(ViolationRepository violations, FindingRepository findings, EnforcementTerms terms,
			ActionExecutor executor, NoticeSender notices, AppRegistry registry, DeveloperOrganizations organizations,
			ApplicationEventPublisher events, Clock clock) {
		this.violations = violations;
		this.findings = findings;
		this.terms = terms;
		this.executor = executor;
		this.notices = notices;
		this.registry = registry;
		this.organizations = organizations;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * What a new violation is about.
	 * @param selfReported the developer reported it first
	 * @param auditFound an audit found it first
	 */
	public record NewViolation(String clauseId, String subjectType, String subjectId, String source, String summary,
			List<String> evidenceLinks, List<UUID> findingIds, boolean selfReported, boolean auditFound) {
	}

	/**
	 * An operator's decision.
	 * @param withNotice {@code null}: as the pack says for the action
	 * @param scopes for a scope restriction; empty: the app's non-basic scopes
	 */
	public record Decision(PenaltyAction action, String reason, Boolean withNotice, Set<String> scopes) {
	}

	/**
	 * Makes a violation of a finding (once: a finding already made into one returns that). Audit
	 * sources ({@code audit.*}) count as audit-found; {@code selfReported: true} in the evidence as
	 * self-reported.
	 */
	@Transactional
	public Violation fromFinding(UUID findingId, String actor) {
		Finding finding = findings.findById(findingId).orElseThrow(() -> new NotFoundException("No such finding."));
		Optional<Violation> existing = violations.ofFinding(findingId);
		if (existing.isPresent()) {
			return existing.get();
		}
		boolean self = Boolean.TRUE.equals(finding.evidence().get("selfReported"));
		boolean audit = finding.source().startsWith("audit") && !self;
		return open(new NewViolation(finding.clauseId(), finding.subjectType(), finding.subjectId(), finding.source(),
				finding.summary(), List.of("/operator/findings/" + finding.id()), List.of(finding.id()), self, audit),
				actor);
	}

	/** Opens a violation with the ladder's proposal; an operator decides it. */
	@Transactional
	public Violation open(NewViolation command, String actor) {
		UUID organization = organizationOf(command.subjectType(), command.subjectId());
		Severity severity = terms.severityOf(command.clauseId());
		UUID id = UUID.randomUUID();
		Instant now = clock.instant();
		var ladder = terms.ladder();
		int prior = violations.priorOffences(command.subjectType(), command.subjectId(),
				now.minus(Duration.ofDays(ladder.repeatWindowDays())), id);
		var proposal = PenaltyLadderProposal.propose(ladder, severity, command.auditFound() && !command.selfReported(),
				prior);
		var violation = new Violation(id, command.clauseId(), command.subjectType(), command.subjectId(), organization,
				command.source(), command.summary(), command.evidenceLinks(), command.findingIds(), severity,
				command.selfReported(), command.auditFound(), ViolationStatus.PROPOSED, proposal.action(),
				proposal.basis(), actor, now, null, null);
		violations.insert(violation);
		events.publishEvent(new ViolationOpened(id, violation.clauseId(), subject(violation), violation.source(),
				severity.value(), proposal.action(), proposal.basis()));
		return violation;
	}

	/** The operator confirms the proposal or takes another action, with a reason; it is in force on commit. */
	@Transactional
	public EnforcementAction decide(UUID id, Decision decision, String operator) {
		Violation violation = lock(id);
		if (violation.status() != ViolationStatus.PROPOSED && violation.status() != ViolationStatus.ACTIONED) {
			throw new InputRejectedException("status", "This violation is closed.");
		}
		if (decision.action() == null) {
			throw new InputRejectedException("action", "Choose an action.");
		}
		String reason = decision.reason() == null ? "" : decision.reason().strip();
		if (reason.isEmpty()) {
			throw new InputRejectedException("reason", decision.action() == violation.proposedAction()
					? "Say why: the reason is recorded and sent to the developer."
					: "Say why you change the proposed action: the reason is recorded and sent to the developer.");
		}
		boolean required = terms.noticeRequired(decision.action());
		boolean notice = decision.withNotice() == null ? required : decision.withNotice();
		if (required && !notice) {
			throw new InputRejectedException("withNotice", "The policy requires notice for "
					+ decision.action().value() + ": only heavier actions may be taken without notice.");
		}
		Set<String> scopes = new TreeSet<>(decision.scopes() == null ? Set.of() : decision.scopes());
		scopes.removeIf(String::isBlank);
		if (decision.action() == PenaltyAction.SCOPE_RESTRICTION && scopes.isEmpty()) {
			scopes.addAll(executor.defaultScopes(violation));
		}
		Instant now = clock.instant();
		Instant due = now.plus(terms.remediation());
		Map<String, String> affected = executor.apply(violation, decision.action(), scopes, operator, reason);
		var action = new EnforcementAction(UUID.randomUUID(), id, decision.action(), violation.proposedAction(), reason,
				notice, due, List.copyOf(scopes), affected, operator, now, null, null, null);
		violations.insertAction(action);
		violations.setStatus(id, ViolationStatus.ACTIONED, null, null);
		events.publishEvent(new ActionTaken(id, action.id(), action.action(), action.proposedAction(), notice, reason,
				subject(violation)));
		if (notice) {
			notices.toDeveloper(violation, action.action().value(), terms.platformName() + ": " + label(action.action())
					+ " for " + subjectName(violation), developerText(violation, action));
		}
		String what = switch (action.action()) {
			case APP_SUSPENSION, DEVELOPER_SUSPENSION -> "suspended";
			case APP_BLOCK -> "blocked";
			case DELISTING -> "removed from the marketplace";
			default -> null;
		};
		if (what != null && !affected.isEmpty()) {
			notices.toInstallers(violation, affected.keySet(), what, action.action() == PenaltyAction.DELISTING
					? "It keeps working where it is installed; new customers cannot find or install it."
					: "Until it is reinstated it cannot reach your account's data. You may uninstall it.");
		}
		return action;
	}

	/** After remediation: every action in force is lifted and access restored. */
	@Transactional
	public void reinstate(UUID id, String reason, String operator) {
		Violation violation = lock(id);
		if (violation.status() != ViolationStatus.ACTIONED) {
			throw new InputRejectedException("status", "Only a violation with an action in force can be reinstated.");
		}
		String why = requireReason(reason, "Say what the developer remediated.");
		liftAll(violation, operator, why);
		close(violation, ViolationStatus.REINSTATED, why);
		notices.toDeveloper(violation, "reinstated", terms.platformName() + ": reinstated: " + subjectName(violation),
				"The enforcement action for clause " + violation.clauseId() + " was lifted.\nReason: " + why);
	}

	/** No breach after all (or an appeal upheld): lifts what is in force and closes the violation. */
	@Transactional
	public void dismiss(UUID id, String reason, String operator) {
		Violation violation = lock(id);
		if (violation.status() != ViolationStatus.PROPOSED && violation.status() != ViolationStatus.ACTIONED) {
			throw new InputRejectedException("status", "This violation is closed.");
		}
		String why = requireReason(reason, "Say why the violation is dismissed.");
		boolean wasActioned = violation.status() == ViolationStatus.ACTIONED;
		liftAll(violation, operator, why);
		close(violation, ViolationStatus.DISMISSED, why);
		events.publishEvent(new ViolationDismissed(id, why));
		if (wasActioned) {
			notices.toDeveloper(violation, "dismissed", terms.platformName() + ": violation withdrawn: " + subjectName(violation),
					"The violation of clause " + violation.clauseId() + " was withdrawn and its actions lifted.\nReason: " + why);
		}
	}

	public Optional<Violation> find(UUID id) {
		return violations.find(id);
	}

	public Violation require(UUID id) {
		return violations.find(id).orElseThrow(() -> new NotFoundException("No such violation."));
	}

	/** The violation, if the user is a member of its organization and an operator has acted on it. */
	public Violation requireForDeveloper(UUID id, UserId developer) {
		Violation violation = require(id);
		boolean member = organizations.membershipsOf(developer)
			.stream()
			.anyMatch(m -> m.organization().id().value().equals(violation.organizationId()));
		if (!member || violation.status() == ViolationStatus.PROPOSED) {
			throw new NotFoundException("No such violation.");
		}
		return violation;
	}

	public List<Violation> queue(ViolationStatus status, int limit, int offset) {
		return violations.find(status, limit, offset);
	}

	/** The violations of the developer's organizations that an operator has acted on. */
	public List<Violation> ofDeveloper(UserId developer) {
		return violations.ofOrganizations(organizations.membershipsOf(developer)
			.stream()
			.map(Membership::organization)
			.map(o -> o.id().value())
			.toList());
	}

	/** Every violation of an app ({@code app}) or organization ({@code organization}), newest first. */
	public List<Violation> ofSubject(String subjectType, String subjectId) {
		return violations.ofSubject(subjectType, subjectId);
	}

	public Optional<Violation> ofFinding(UUID findingId) {
		return violations.ofFinding(findingId);
	}

	public List<EnforcementAction> actions(UUID id) {
		return violations.actions(id);
	}

	public List<Notice> notices(UUID id) {
		return violations.notices(id);
	}

	/** The app's or organization's name, for people. */
	public String subjectName(Violation violation) {
		if (violation.isApp()) {
			return registry.find(AppId.of(violation.subjectId())).map(App::name).orElse("app " + violation.subjectId());
		}
		return organizations.find(new dev.gatehouse.developers.OrganizationId(violation.organizationId()))
			.map(o -> o.name())
			.orElse("organization " + violation.subjectId());
	}

	/** The scopes a restriction would withdraw by default, for the decision form. */
	public Set<String> defaultScopes(Violation violation) {
		return executor.defaultScopes(violation);
	}

	public boolean noticeRequired(PenaltyAction action) {
		return terms.noticeRequired(action);
	}

	public Optional<PolicyPack.Clause> clause(String clauseId) {
		return terms.clauses().stream().filter(c -> c.id().equals(clauseId)).findFirst();
	}

	public List<PolicyPack.Clause> clauses() {
		return terms.clauses();
	}

	/** The first clause of the pack in force that a mechanism enforces, else the first clause. */
	public Optional<String> clauseUsing(String mechanismId) {
		return terms.clauses()
			.stream()
			.filter(c -> c.mechanisms().stream().anyMatch(m -> m.id().equals(mechanismId)))
			.findFirst()
			.or(() -> terms.clauses().stream().findFirst())
			.map(PolicyPack.Clause::id);
	}

	public List<PenaltyAction> ladderSteps() {
		return terms.ladder().steps();
	}

	void liftAll(Violation violation, String operator, String reason) {
		var inForce = violations.actions(violation.id()).stream().filter(EnforcementAction::inForce).toList().reversed();
		for (EnforcementAction action : inForce) {
			executor.lift(violation, action, operator, reason);
			violations.liftAction(action.id(), operator, reason, clock.instant());
			events.publishEvent(new ViolationReinstated(violation.id(), action.id(), action.action(), reason));
		}
	}

	private void close(Violation violation, ViolationStatus status, String reason) {
		Instant now = clock.instant();
		violations.setStatus(violation.id(), status, now, reason);
		for (UUID findingId : violation.findingIds()) {
			FindingStatus outcome = status == ViolationStatus.DISMISSED ? FindingStatus.DISMISSED : FindingStatus.RESOLVED;
			if (findings.close(findingId, outcome, "violation " + status.name().toLowerCase() + ": " + reason, now)) {
				events.publishEvent(new FindingClosed(findingId, outcome, reason));
			}
		}
	}

	private Violation lock(UUID id) {
		return violations.lock(id).orElseThrow(() -> new NotFoundException("No such violation."));
	}

	private UUID organizationOf(String subjectType, String subjectId) {
		try {
			if ("app".equals(subjectType)) {
				return registry.find(AppId.of(subjectId))
					.orElseThrow(() -> new InputRejectedException("subjectId", "No such app."))
					.organizationId()
					.value();
			}
			if ("organization".equals(subjectType)) {
				var org = new dev.gatehouse.developers.OrganizationId(UUID.fromString(subjectId));
				organizations.find(org).orElseThrow(() -> new InputRejectedException("subjectId", "No such organization."));
				return org.value();
			}
		}
		catch (IllegalArgumentException ex) {
			throw new InputRejectedException("subjectId", "Not an id.");
		}
		throw new InputRejectedException("subjectType", "A violation is by an app or an organization.");
	}

	private String developerText(Violation violation, EnforcementAction action) {
		String title = clause(violation.clauseId()).map(c -> " (" + c.title() + ")").orElse("");
		return """
				Clause %s%s was broken by %s.
				What was found: %s
				Action taken: %s
				Reason: %s
				Remediate by %s. Once you have, reply through the violation page; you may also appeal there.
				""".formatted(violation.clauseId(), title, subjectName(violation), violation.summary(), label(action.action()),
				action.reason(), DAY.format(action.remediationDue()));
	}

	private static String requireReason(String reason, String message) {
		if (reason == null || reason.isBlank()) {
			throw new InputRejectedException("reason", message);
		}
		return reason.strip();
	}

	static String subject(Violation violation) {
		return violation.subjectType() + ":" + violation.subjectId();
	}

	public static String label(PenaltyAction action) {
		return switch (action) {
			case WARNING -> "warning";
			case SCOPE_RESTRICTION -> "scope restriction";
			case TOKEN_REVOCATION -> "token revocation";
			case APP_SUSPENSION -> "app suspension";
			case APP_BLOCK -> "app block";
			case DELISTING -> "removal from the marketplace";
			case DEVELOPER_SUSPENSION -> "developer suspension";
		};
	}

}
