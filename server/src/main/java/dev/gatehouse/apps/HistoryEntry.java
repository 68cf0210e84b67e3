package dev.gatehouse.apps;

import java.time.Instant;

public record HistoryEntry(Instant occurredAt, String actor, String action, AppStatus fromStatus, AppStatus toStatus,
		String note) {
}
