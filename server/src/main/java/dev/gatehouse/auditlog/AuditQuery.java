package dev.gatehouse.auditlog;

import java.time.Instant;

/**
 * Filters for reading the audit log. Every filter is optional ({@code null} means any). Results come
 * newest first: a page holds at most {@code size} entries with a sequence number below
 * {@code beforeSeq} (keyset paging, so deep pages cost the same as the first).
 *
 * @param actor exact actor name
 * @param actionPrefix prefix of the dotted action name, for example {@code identity.}
 * @param target exact target, for example {@code user:6f1c...}
 * @param from occurred at or after this instant
 * @param to occurred before this instant
 * @param beforeSeq only entries with a smaller sequence number
 * @param size page size, 1 to {@value #MAX_SIZE}
 */
public record AuditQuery(String actor, String actionPrefix, String target, Instant from, Instant to, Long beforeSeq,
		int size) {

	public static final int DEFAULT_SIZE = 50;

	public static final int MAX_SIZE = 500;

	public AuditQuery {
		actor = blankToNull(actor);
		actionPrefix = blankToNull(actionPrefix);
		target = blankToNull(target);
		if (size < 1 || size > MAX_SIZE) {
			throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE);
		}
	}

	/** Everything, newest first, default page size. */
	public static AuditQuery all() {
		return new AuditQuery(null, null, null, null, null, null, DEFAULT_SIZE);
	}

	public static AuditQuery forTarget(String target) {
		return new AuditQuery(null, null, target, null, null, null, DEFAULT_SIZE);
	}

	public AuditQuery withTarget(String target) {
		return new AuditQuery(this.actor, this.actionPrefix, target, this.from, this.to, this.beforeSeq, this.size);
	}

	public AuditQuery withBeforeSeq(Long beforeSeq) {
		return new AuditQuery(this.actor, this.actionPrefix, this.target, this.from, this.to, beforeSeq, this.size);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
