package dev.gatehouse.auditlog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.auditlog.ChainVerification;
import dev.gatehouse.auditlog.ChainVerification.Kind;
import dev.gatehouse.auditlog.ChainVerification.Problem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ChainCheckTests {

	private static List<ChainRow> chain(int length) {
		var rows = new ArrayList<ChainRow>();
		byte[] prev = AuditHasher.GENESIS;
		for (int seq = 1; seq <= length; seq++) {
			ChainRow row = ChainRow.append(seq, Instant.parse("2026-01-31T12:00:00Z").plusSeconds(seq), "alice", null,
					"test.action", "thing:" + seq, "{}", prev);
			rows.add(row);
			prev = row.hash();
		}
		return rows;
	}

	private static ChainVerification check(List<ChainRow> rows, long headSeq, byte[] headHash) {
		var check = new ChainCheck();
		rows.forEach(check::accept);
		return check.finish(headSeq, headHash);
	}

	@Test
	void checkWhenIntactThenOk() {
		var rows = chain(5);
		var result = check(rows, 5, rows.getLast().hash());
		assertThat(result.ok()).isTrue();
		assertThat(result.rowsChecked()).isEqualTo(5);
		assertThat(result.problems()).isEmpty();
	}

	@Test
	void checkWhenEmptyThenOk() {
		assertThat(check(List.of(), 0, AuditHasher.GENESIS).ok()).isTrue();
	}

	@Test
	void checkWhenRowEditedThenHashMismatch() {
		var rows = chain(3);
		ChainRow original = rows.get(1);
		rows.set(1, new ChainRow(2, original.occurredAt(), "mallory", null, original.action(), original.target(),
				original.details(), original.prevHash(), original.hash()));
		assertThat(check(rows, 3, rows.getLast().hash()).problems()).extracting(Problem::seq, Problem::kind)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(2L, Kind.HASH_MISMATCH));
	}

	@Test
	void checkWhenRowEditedAndRehashedThenNextLinkBroken() {
		var rows = chain(3);
		ChainRow original = rows.get(1);
		rows.set(1, ChainRow.append(2, original.occurredAt(), "mallory", null, original.action(), original.target(),
				original.details(), original.prevHash()));
		assertThat(check(rows, 3, rows.getLast().hash()).problems()).extracting(Problem::seq, Problem::kind)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(3L, Kind.LINK_BROKEN));
	}

	@Test
	void checkWhenMiddleRowsMissingThenSeqGap() {
		var rows = chain(5);
		rows.remove(2);
		rows.remove(1);
		var result = check(rows, 5, rows.getLast().hash());
		assertThat(result.problems()).extracting(Problem::seq, Problem::kind)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(2L, Kind.SEQ_GAP));
		assertThat(result.problems().getFirst().description()).contains("2 to 3");
	}

	@Test
	void checkWhenFirstRowMissingThenSeqGap() {
		var rows = chain(3);
		rows.removeFirst();
		assertThat(check(rows, 3, rows.getLast().hash()).problems()).extracting(Problem::kind)
			.containsExactly(Kind.SEQ_GAP);
	}

	@Test
	void checkWhenTailRowsMissingThenHeadMismatch() {
		var rows = chain(5);
		byte[] headHash = rows.getLast().hash();
		rows.removeLast();
		rows.removeLast();
		var result = check(rows, 5, headHash);
		assertThat(result.ok()).isFalse();
		assertThat(result.problems()).extracting(Problem::seq, Problem::kind)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(5L, Kind.HEAD_MISMATCH));
	}

	@Test
	void checkWhenHeadHashChangedThenHeadMismatch() {
		var rows = chain(2);
		assertThat(check(rows, 2, rows.getFirst().hash()).problems()).extracting(Problem::kind)
			.containsExactly(Kind.HEAD_MISMATCH);
	}

	@Test
	void checkWhenAllRowsDeletedThenHeadMismatch() {
		assertThat(check(List.of(), 4, new byte[32]).problems()).extracting(Problem::kind)
			.containsExactly(Kind.HEAD_MISMATCH);
	}

}
