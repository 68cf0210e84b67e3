package dev.gatehouse.auditlog.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * Computes a row's hash: SHA-256 over an unambiguous binary encoding of its fields.
 *
 * <p>
 * The encoding is the UTF-8 domain tag {@code gatehouse.auditlog.v1} (length-prefixed like every
 * field), then {@code seq} as 8 bytes big-endian, then each of occurred_at (ISO-8601 UTC with exactly
 * six fraction digits), actor, actor_ip, action, target, details and prev_hash as a 4-byte big-endian
 * length followed by that many bytes (strings in UTF-8). A missing actor_ip is written as length
 * {@code -1} with no bytes, so it differs from an empty string. Because every field carries its
 * length, no two different rows encode to the same bytes.
 */
final class AuditHasher {

	static final int HASH_LENGTH = 32;

	static final byte[] GENESIS = new byte[HASH_LENGTH];

	private static final byte[] DOMAIN = "gatehouse.auditlog.v1".getBytes(StandardCharsets.UTF_8);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
		.withZone(ZoneOffset.UTC);

	private AuditHasher() {
	}

	static byte[] hash(ChainRow row) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(encode(row));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	static byte[] encode(ChainRow row) {
		var out = new ByteArrayOutputStream(256 + row.details().length());
		writeBytes(out, DOMAIN);
		writeLong(out, row.seq());
		writeString(out, formatTime(row.occurredAt()));
		writeString(out, row.actor());
		writeString(out, row.actorIp());
		writeString(out, row.action());
		writeString(out, row.target());
		writeString(out, row.details());
		writeBytes(out, row.prevHash());
		return out.toByteArray();
	}

	/** The canonical time text: UTC, microsecond precision, always six fraction digits. */
	static String formatTime(Instant instant) {
		if (instant.getNano() % 1000 != 0) {
			throw new IllegalArgumentException("occurred_at must be truncated to microseconds: " + instant);
		}
		return TIME.format(instant.truncatedTo(ChronoUnit.MICROS));
	}

	static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

	private static void writeString(ByteArrayOutputStream out, String value) {
		if (value == null) {
			writeInt(out, -1);
			return;
		}
		writeBytes(out, value.getBytes(StandardCharsets.UTF_8));
	}

	private static void writeBytes(ByteArrayOutputStream out, byte[] value) {
		writeInt(out, value.length);
		out.writeBytes(value);
	}

	private static void writeInt(ByteArrayOutputStream out, int value) {
		out.write(value >>> 24);
		out.write(value >>> 16);
		out.write(value >>> 8);
		out.write(value);
	}

	private static void writeLong(ByteArrayOutputStream out, long value) {
		writeInt(out, (int) (value >>> 32));
		writeInt(out, (int) value);
	}

}
