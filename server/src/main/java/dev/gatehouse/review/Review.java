package dev.gatehouse.review;

import dev.gatehouse.apps.AppId;

import java.time.Instant;
import java.util.UUID;

/**
 * The review of one submitted revision.
 *
 * @param previousReviewId the app's previous decided review (what changed since is shown), or null
 * for a first review
 * @param changesDueAt the deadline of the required changes, when changes were requested
 */
public record Review(UUID id, AppId appId, UUID revisionId, int revisionNumber, UUID previousReviewId,
		ReviewStatus status, Instant submittedAt, String assignee, Instant assignedAt, Instant startedAt,
		Instant decidedAt, String decidedBy, String decisionNote, Instant changesDueAt) {
}
