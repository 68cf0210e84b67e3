package dev.gatehouse.enforcement;

import dev.gatehouse.enforcement.EnforcementEvents.AppealDecided;
import dev.gatehouse.enforcement.EnforcementEvents.AppealFiled;
import dev.gatehouse.enforcement.internal.AppealRepository;
import dev.gatehouse.enforcement.internal.NoticeSender;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.shared.web.InputRejectedException;
import dev.gatehouse.shared.web.NotFoundException;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A developer appeals an action on their page; an operator upholds the appeal (the violation is
 * withdrawn and access restored) or rejects it. Both are recorded and the developer is told.
 */
@Service
public class Appeals {

	static final int MAX_GROUNDS = 5000;

	private final AppealRepository appeals;

	private final Violations violations;

	private final NoticeSender notices;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Appeals(AppealRepository appeals, Violations violations, NoticeSender notices, ApplicationEventPublisher events,
			Clock clock) {
		this.appeals = appeals;
		this.violations = violations;
		this.notices = notices;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	public Appeal file(UUID violationId, UserId developer, String grounds) {
		Violation violation = violations.requireForDeveloper(violationId, developer);
		if (violation.status() != ViolationStatus.ACTIONED) {
			throw new InputRejectedException("grounds", "Only an action in force can be appealed.");
		}
		if (grounds == null || grounds.isBlank() || grounds.length() > MAX_GROUNDS) {
			throw new InputRejectedException("grounds", "Say why the action is wrong (at most " + MAX_GROUNDS + " characters).");
		}
		var appeal = new Appeal(UUID.randomUUID(), violationId, developer.value(), grounds.strip(), AppealStatus.PENDING,
				clock.instant(), null, null, null);
		if (!appeals.insert(appeal)) {
			throw new InputRejectedException("grounds", "An appeal of this violation is already waiting for a decision.");
		}
		events.publishEvent(new AppealFiled(appeal.id(), violationId, developer.value()));
		return appeal;
	}

	@Transactional
	public void decide(UUID appealId, boolean uphold, String reason, String operator) {
		Appeal appeal = appeals.find(appealId).orElseThrow(() -> new NotFoundException("No such appeal."));
		if (reason == null || reason.isBlank()) {
			throw new InputRejectedException("reason", "Give the reason for the decision: the developer reads it.");
		}
		AppealStatus outcome = uphold ? AppealStatus.UPHELD : AppealStatus.REJECTED;
		if (!appeals.decide(appealId, outcome, operator, reason.strip(), clock.instant())) {
			throw new InputRejectedException("status", "This appeal was already decided.");
		}
		events.publishEvent(new AppealDecided(appealId, appeal.violationId(), outcome, reason.strip()));
		Violation violation = violations.require(appeal.violationId());
		if (uphold) {
			violations.dismiss(violation.id(), "appeal upheld: " + reason.strip(), operator);
		}
		else {
			notices.toDeveloper(violation, "appeal rejected", "Your appeal was rejected: " + violations.subjectName(violation),
					"Your appeal of the action for clause " + violation.clauseId()
							+ " was rejected; the action stays in force.\nReason: " + reason.strip());
		}
	}

	public List<Appeal> ofViolation(UUID violationId) {
		return appeals.ofViolation(violationId);
	}

	public List<Appeal> pending() {
		return appeals.pending(200);
	}

}
