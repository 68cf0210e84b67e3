package dev.gatehouse.auditlog.internal;

import dev.gatehouse.auditlog.AuditEntry;

import java.time.Instant;
import java.util.Objects;

/** A row of {@code auditlog.audit_events} as the chain sees it: the hashed fields and the hash. */
record ChainRow(long seq, Instant occurredAt, String actor, String actorIp, String action, String target,
		String details, byte[] prevHash, byte[] hash) {

	ChainRow {
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(actor, "actor");
		Objects.requireNonNull(action, "action");
		Objects.requireNonNull(target, "target");
		Objects.requireNonNull(details, "details");
		Objects.requireNonNull(prevHash, "prevHash");
	}

	/** A new row chained after {@code prevHash}, with its hash computed. */
	static ChainRow append(long seq, Instant occurredAt, String actor, String actorIp, String action, String target,
			String details, byte[] prevHash) {
		var unhashed = new ChainRow(seq, occurredAt, actor, actorIp, action, target, details, prevHash, null);
		return new ChainRow(seq, occurredAt, actor, actorIp, action, target, details, prevHash,
				AuditHasher.hash(unhashed));
	}

	AuditEntry toEntry() {
		return new AuditEntry(seq, occurredAt, actor, actorIp, action, target, details, AuditHasher.hex(prevHash),
				AuditHasher.hex(hash));
	}

}
