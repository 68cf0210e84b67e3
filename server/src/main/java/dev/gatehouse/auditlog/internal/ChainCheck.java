package dev.gatehouse.auditlog.internal;

import dev.gatehouse.auditlog.ChainVerification;
import dev.gatehouse.auditlog.ChainVerification.Kind;
import dev.gatehouse.auditlog.ChainVerification.Problem;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a chain fed to it row by row in sequence order, keeping only the previous row's hash, so
 * any number of rows can be checked in constant memory.
 */
final class ChainCheck {

	private final List<Problem> problems = new ArrayList<>();

	private boolean truncated;

	private long rows;

	private long lastSeq;

	private byte[] lastHash = AuditHasher.GENESIS;

	void accept(ChainRow row) {
		rows++;
		long expected = lastSeq + 1;
		if (row.seq() != expected) {
			report(expected, Kind.SEQ_GAP, row.seq() == expected + 1 ? "row " + expected + " is missing"
					: "rows " + expected + " to " + (row.seq() - 1) + " are missing");
		}
		else if (!MessageDigest.isEqual(row.prevHash(), lastHash)) {
			report(row.seq(), Kind.LINK_BROKEN, "prev_hash is not the hash of row " + lastSeq);
		}
		if (!MessageDigest.isEqual(AuditHasher.hash(row), row.hash())) {
			report(row.seq(), Kind.HASH_MISMATCH, "the row's content does not match its hash");
		}
		lastSeq = row.seq();
		lastHash = row.hash();
	}

	ChainVerification finish(long headSeq, byte[] headHash) {
		if (headSeq != lastSeq) {
			report(headSeq, Kind.HEAD_MISMATCH, headSeq > lastSeq
					? "the head is at " + headSeq + " but the last row is " + lastSeq + ": tail rows are missing"
					: "the head is at " + headSeq + " but rows go up to " + lastSeq);
		}
		else if (!MessageDigest.isEqual(headHash, lastHash)) {
			report(headSeq, Kind.HEAD_MISMATCH, "the head's hash is not the hash of row " + lastSeq);
		}
		return new ChainVerification(problems.isEmpty() && !truncated, rows, headSeq, problems, truncated);
	}

	private void report(long seq, Kind kind, String description) {
		if (problems.size() < ChainVerification.MAX_PROBLEMS) {
			problems.add(new Problem(seq, kind, description));
		}
		else {
			truncated = true;
		}
	}

}
