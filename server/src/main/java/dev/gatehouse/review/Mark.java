package dev.gatehouse.review;

import java.time.Instant;

/** A person's mark on one checklist line: PASS, FAIL or NOT_APPLICABLE, with a note. */
public record Mark(String clauseId, CheckOutcome mark, String note, String markedBy, Instant markedAt) {
}
