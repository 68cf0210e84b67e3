package dev.gatehouse.apps;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A party the developer hands customer data to; pending until an operator approves it (DP-13). */
public record SubProcessor(UUID id, AppId appId, String name, String purpose, String country,
		List<String> dataCategories, SubProcessorStatus status, Instant createdAt, Instant decidedAt, String decidedBy,
		String decisionNote) {
}
