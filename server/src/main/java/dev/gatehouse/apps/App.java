package dev.gatehouse.apps;

import dev.gatehouse.developers.OrganizationId;

import java.time.Instant;
import java.util.UUID;

/** An app as the registry keeps it; the listing and everything else live in its revisions. */
public record App(AppId id, OrganizationId organizationId, String name, String slug, String appType, AppStatus status,
		UUID liveRevisionId, UUID draftRevisionId, Instant createdAt, Instant statusChangedAt) {
}
