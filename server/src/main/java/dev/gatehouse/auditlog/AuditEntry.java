package dev.gatehouse.auditlog;

import com.fasterxml.jackson.annotation.JsonRawValue;

import java.time.Instant;

/**
 * One recorded audit event, as stored. {@code details} is the exact JSON text that was hashed; hashes
 * are lower-case hex.
 */
public record AuditEntry(long seq, Instant occurredAt, String actor, String actorIp, String action, String target,
		@JsonRawValue String details, String prevHash, String hash) {
}
