package dev.gatehouse.apps;

import java.time.Instant;
import java.util.UUID;

/** One numbered revision of an app and its review state. */
public record Revision(UUID id, AppId appId, int number, RevisionState state, AppDraft content, String logoSha256,
		Instant createdAt, Instant submittedAt, Instant decidedAt) {
}
