package dev.gatehouse.auditlog;

import java.util.List;

/**
 * One page of audit entries, newest first. {@code nextBeforeSeq} is the {@code beforeSeq} of the
 * next (older) page, or {@code null} when this is the last one.
 */
public record AuditPage(List<AuditEntry> entries, int size, Long nextBeforeSeq) {

	public AuditPage {
		entries = List.copyOf(entries);
	}

	public boolean hasNext() {
		return nextBeforeSeq != null;
	}

}
