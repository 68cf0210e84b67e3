package dev.gatehouse.auditlog;

import java.util.List;

/**
 * The outcome of checking the whole hash chain. {@code problems} lists at most
 * {@value #MAX_PROBLEMS} findings in sequence order; {@code problemsTruncated} says there were more.
 */
public record ChainVerification(boolean ok, long rowsChecked, long headSeq, List<Problem> problems,
		boolean problemsTruncated) {

	public static final int MAX_PROBLEMS = 1000;

	public ChainVerification {
		problems = List.copyOf(problems);
	}

	/** What is wrong at (or from) one sequence number. */
	public record Problem(long seq, Kind kind, String description) {
	}

	public enum Kind {

		/** The row's content no longer matches its hash: the row was edited. */
		HASH_MISMATCH,

		/** The row's {@code prev_hash} is not the hash of the row before it. */
		LINK_BROKEN,

		/** One or more sequence numbers are missing: rows were deleted. */
		SEQ_GAP,

		/** The chain head does not point at the last row: tail rows were deleted or the head changed. */
		HEAD_MISMATCH

	}

}
