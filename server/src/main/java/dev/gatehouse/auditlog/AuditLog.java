package dev.gatehouse.auditlog;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Reads and checks the audit log. Writing happens only through
 * {@link dev.gatehouse.shared.audit.Audited} events.
 */
public interface AuditLog {

	/** One page of entries matching the query, newest first. */
	AuditPage find(AuditQuery query);

	/**
	 * Recomputes every row's hash and link in sequence order and compares the last row with the chain
	 * head, in one consistent snapshot. Streams the rows, so it works on any size of log.
	 */
	ChainVerification verify();

	/**
	 * Writes every entry matching the query's filters (paging ignored), oldest first, one JSON object
	 * per line: seq, occurredAt, actor, actorIp, action, target, details (an object), prevHash, hash.
	 * Does not close the stream.
	 */
	void exportJsonLines(AuditQuery query, OutputStream out) throws IOException;

}
