package dev.gatehouse.monitoring;

import java.time.Instant;
import java.util.UUID;

/** One detector's part of a run: how long it took, how many findings it reported, or why it failed. */
public record DetectorRun(UUID runId, String detector, Instant startedAt, long millis, int findings, String error,
		String triggeredBy) {
}
