package dev.gatehouse.auditlog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class AuditHasherTests {

	private static final Instant TIME = Instant.parse("2026-01-31T12:00:00.123456Z");

	private static ChainRow row(String actor, String actorIp, String action, String target, String details) {
		return ChainRow.append(7, TIME, actor, actorIp, action, target, details, AuditHasher.GENESIS);
	}

	@Test
	void hashWhenSameRowThenSameHash() {
		assertThat(row("alice", "10.0.0.1", "a.b", "user:1", "{}").hash())
			.isEqualTo(row("alice", "10.0.0.1", "a.b", "user:1", "{}").hash())
			.hasSize(AuditHasher.HASH_LENGTH);
	}

	@Test
	void hashWhenContentShiftsBetweenFieldsThenHashDiffers() {
		// Plain concatenation would make these equal: "alice" + "x.y" == "alicex" + ".y"
		assertThat(row("alice", null, "x.y", "t", "{}").hash()).isNotEqualTo(row("alicex", null, ".y", "t", "{}").hash());
		assertThat(row("a", null, "b", "t:1", "{}").hash()).isNotEqualTo(row("a", null, "bt", ":1", "{}").hash());
	}

	@Test
	void hashWhenIpMissingThenDiffersFromEmptyIp() {
		assertThat(row("alice", null, "a", "t", "{}").hash()).isNotEqualTo(row("alice", "", "a", "t", "{}").hash());
	}

	@Test
	void hashWhenAnyFieldChangesThenHashDiffers() {
		ChainRow base = row("alice", "10.0.0.1", "a.b", "user:1", "{\"k\":1}");
		assertThat(base.hash()).isNotEqualTo(row("alice", "10.0.0.2", "a.b", "user:1", "{\"k\":1}").hash())
			.isNotEqualTo(row("alice", "10.0.0.1", "a.b", "user:1", "{\"k\":2}").hash())
			.isNotEqualTo(ChainRow.append(8, TIME, "alice", "10.0.0.1", "a.b", "user:1", "{\"k\":1}", AuditHasher.GENESIS)
				.hash())
			.isNotEqualTo(ChainRow
				.append(7, TIME.plusNanos(1000), "alice", "10.0.0.1", "a.b", "user:1", "{\"k\":1}", AuditHasher.GENESIS)
				.hash())
			.isNotEqualTo(ChainRow.append(7, TIME, "alice", "10.0.0.1", "a.b", "user:1", "{\"k\":1}", base.hash())
				.hash());
	}

	@Test
	void encodeWhenRowThenEveryFieldIsLengthPrefixed() {
		ChainRow row = ChainRow.append(1, Instant.parse("2026-01-31T12:00:00Z"), "é", null, "a", "t", "{}",
				AuditHasher.GENESIS);
		ByteBuffer buffer = ByteBuffer.wrap(AuditHasher.encode(row));
		assertThat(readString(buffer)).isEqualTo("gatehouse.auditlog.v1");
		assertThat(buffer.getLong()).isEqualTo(1);
		assertThat(readString(buffer)).isEqualTo("2026-01-31T12:00:00.000000Z");
		assertThat(buffer.getInt()).isEqualTo(2); // "é" is two UTF-8 bytes
		assertThat(new String(new byte[] { buffer.get(), buffer.get() }, StandardCharsets.UTF_8)).isEqualTo("é");
		assertThat(buffer.getInt()).isEqualTo(-1); // no IP
		assertThat(readString(buffer)).isEqualTo("a");
		assertThat(readString(buffer)).isEqualTo("t");
		assertThat(readString(buffer)).isEqualTo("{}");
		assertThat(buffer.getInt()).isEqualTo(32);
		buffer.position(buffer.position() + 32);
		assertThat(buffer.hasRemaining()).isFalse();
	}

	@Test
	void hashWhenKnownRowThenKnownValue() {
		// Pins the encoding (value computed independently in Python from the documented layout):
		// changing the encoding would invalidate every stored chain.
		ChainRow row = ChainRow.append(1, Instant.parse("2026-01-31T12:00:00Z"), "system", null, "test.done",
				"thing:1", "{}", AuditHasher.GENESIS);
		assertThat(HexFormat.of().formatHex(row.hash())).isEqualTo(KNOWN_HASH);
	}

	@Test
	void formatTimeWhenSubMicrosecondThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> AuditHasher.formatTime(TIME.plusNanos(1)));
	}

	private static String readString(ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.getInt()];
		buffer.get(bytes);
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static final String KNOWN_HASH = "319c7fd0768481e0146ddd32fabb247c0654c7e8544159fd290c996d900b1c0c";

}
