package dev.gatehouse.review;

import dev.gatehouse.apps.AppId;

import java.time.Instant;
import java.util.UUID;

/** One run of the pack's checks against one revision; {@code status} QUEUED, RUNNING or DONE. */
public record CheckRun(UUID id, AppId appId, UUID revisionId, int revisionNumber, CheckTrigger trigger, String status,
		String requestedBy, Instant requestedAt, Instant startedAt, Instant finishedAt, String packId,
		String packVersion) {

	public boolean done() {
		return "DONE".equals(status);
	}

}
