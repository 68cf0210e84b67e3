package dev.gatehouse.review;

import dev.gatehouse.apps.AppId;

import java.time.Instant;
import java.util.UUID;

/**
 * A request for proof of compliance with one clause, inside an audit or on its own.
 *
 * @param status OPEN, ANSWERED, ACCEPTED or OVERDUE (an overdue request may still be answered)
 */
public record EvidenceRequest(UUID id, AppId appId, UUID auditId, String clauseId, String request, String requestedBy,
		Instant requestedAt, Instant dueAt, String status, String answer, Instant answeredAt, String answeredBy,
		Instant decidedAt, String decidedBy, String decisionNote) {

	public boolean awaitingDeveloper() {
		return "OPEN".equals(status) || "OVERDUE".equals(status);
	}

}
