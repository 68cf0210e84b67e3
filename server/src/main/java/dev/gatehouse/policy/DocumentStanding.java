package dev.gatehouse.policy;

import java.time.Instant;

/** An organization's position on one document: what is current, what it accepted, what is due. */
public record DocumentStanding(DocumentKind kind, DocumentVersion current, Integer acceptedVersion,
		Instant acceptedAt, StandingState state, Instant deadline) {

	/** Whether this document lets the organization create and submit apps now. */
	public boolean inGoodStanding() {
		return state == StandingState.ACCEPTED || state == StandingState.REACCEPT_BY_DEADLINE
				|| state == StandingState.NOTHING_PUBLISHED;
	}

}
