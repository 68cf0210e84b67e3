package dev.gatehouse.enforcement;

import dev.gatehouse.policy.pack.PenaltyAction;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An action an operator took on a violation.
 *
 * @param affected the apps the action moved, with the status each had before
 * @param noticeGiven whether the developer was told (with the reason and the remediation deadline)
 */
public record EnforcementAction(UUID id, UUID violationId, PenaltyAction action, PenaltyAction proposedAction,
		String reason, boolean noticeGiven, Instant remediationDue, List<String> scopes, Map<String, String> affected,
		String takenBy, Instant takenAt, Instant liftedAt, String liftedBy, String liftedReason) {

	public boolean inForce() {
		return liftedAt == null;
	}

	public boolean changed() {
		return action != proposedAction;
	}

}
