package dev.gatehouse.accesslog.internal;

import dev.gatehouse.accesslog.ApiCall;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * The rows of a batch in PostgreSQL's binary COPY format: a signature, then per row a field count
 * and each field as a length and its bytes (-1 for NULL), then a trailer. Binary, not CSV, because
 * the database then copies UUIDs, timestamps and arrays as they are stored instead of parsing their
 * text (in the gateway benchmark the access log's writer and its database were a fifth of the
 * node's CPU). The field types must match the columns exactly: uuid, timestamptz, text, int4, int8,
 * text[]. NUL characters, which PostgreSQL text cannot hold, are dropped so one odd request cannot
 * fail a whole batch.
 */
final class CopyRows {

	static final String CALL_COLUMNS = "id, occurred_at, app_id, client_id, installation_id, customer_account_id, route_id, "
			+ "method, path, status, latency_micros, request_bytes, response_bytes, scopes, data_categories, subject_ids, "
			+ "client_address, rejection";

	static final String TOUCH_COLUMNS = "customer_account_id, subject_id, occurred_at, app_id, installation_id, call_id, "
			+ "data_categories";

	private static final byte[] SIGNATURE = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0 };

	/** PostgreSQL counts timestamps in microseconds from 2000-01-01T00:00:00Z. */
	private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

	private static final int TEXT_OID = 25;

	private byte[] bytes;

	private int size;

	private int rows;

	CopyRows(int expectedBytes) {
		this.bytes = new byte[Math.max(64, expectedBytes)];
		put(SIGNATURE);
		putInt(0); // flags: no OIDs
		putInt(0); // no header extension
	}

	int rows() {
		return rows;
	}

	/** The rows written so far and the trailer, as COPY reads them. */
	InputStream stream() {
		putShort(-1);
		return new ByteArrayInputStream(bytes, 0, size);
	}

	void call(ApiCall call) {
		putShort(18);
		uuid(call.id());
		timestamp(call.occurredAt());
		uuid(call.appId());
		text(call.clientId());
		uuid(call.installationId());
		uuid(call.customerAccountId());
		text(call.routeId());
		text(call.method() == null ? "" : call.method());
		text(call.path() == null ? "" : call.path());
		putInt(4);
		putInt(call.status());
		bigint(call.latencyMicros());
		bigint(call.requestBytes());
		bigint(call.responseBytes());
		textArray(call.scopes());
		textArray(call.dataCategories());
		textArray(call.subjectIds());
		text(call.clientAddress());
		text(call.rejection());
		rows++;
	}

	/** One touch per distinct subject of a call made for a customer account; returns how many. */
	int touches(ApiCall call) {
		if (call.customerAccountId() == null || call.subjectIds().isEmpty()) {
			return 0;
		}
		List<String> subjects = call.subjectIds();
		int written = 0;
		for (String subject : subjects.size() == 1 ? subjects : new LinkedHashSet<>(subjects)) {
			if (subject == null || subject.isEmpty()) {
				continue;
			}
			putShort(7);
			uuid(call.customerAccountId());
			text(subject);
			timestamp(call.occurredAt());
			uuid(call.appId());
			uuid(call.installationId());
			uuid(call.id());
			textArray(call.dataCategories());
			written++;
		}
		rows += written;
		return written;
	}

	private void uuid(UUID value) {
		if (value == null) {
			putInt(-1);
			return;
		}
		putInt(16);
		putLong(value.getMostSignificantBits());
		putLong(value.getLeastSignificantBits());
	}

	private void timestamp(Instant value) {
		putInt(8);
		putLong(Math.addExact(Math.multiplyExact(value.getEpochSecond(), 1_000_000L), value.getNano() / 1000)
				- POSTGRES_EPOCH_MICROS);
	}

	private void bigint(long value) {
		putInt(8);
		putLong(value);
	}

	private void text(String value) {
		if (value == null) {
			putInt(-1);
			return;
		}
		int lengthAt = size;
		putInt(0);
		putUtf8(value);
		setInt(lengthAt, size - lengthAt - 4);
	}

	/** A one-dimensional text[] (none of our lists holds a NULL), or an empty array. */
	private void textArray(List<String> values) {
		int lengthAt = size;
		putInt(0);
		putInt(values.isEmpty() ? 0 : 1); // dimensions
		putInt(0); // no NULL elements
		putInt(TEXT_OID);
		if (!values.isEmpty()) {
			putInt(values.size());
			putInt(1); // lower bound
			for (String value : values) {
				text(value);
			}
		}
		setInt(lengthAt, size - lengthAt - 4);
	}

	private void putUtf8(String value) {
		int length = value.length();
		ensure(length);
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (c >= 0x80) {
				// Not ASCII: encode the rest with the JDK (rare: paths, ids and scopes are ASCII).
				put(value.substring(i).replace("\u0000", "").getBytes(StandardCharsets.UTF_8));
				return;
			}
			if (c != 0) {
				bytes[size++] = (byte) c;
			}
		}
	}

	private void put(byte[] values) {
		ensure(values.length);
		System.arraycopy(values, 0, bytes, size, values.length);
		size += values.length;
	}

	private void putShort(int value) {
		ensure(2);
		bytes[size++] = (byte) (value >>> 8);
		bytes[size++] = (byte) value;
	}

	private void putInt(int value) {
		ensure(4);
		setInt(size, value);
		size += 4;
	}

	private void setInt(int at, int value) {
		bytes[at] = (byte) (value >>> 24);
		bytes[at + 1] = (byte) (value >>> 16);
		bytes[at + 2] = (byte) (value >>> 8);
		bytes[at + 3] = (byte) value;
	}

	private void putLong(long value) {
		putInt((int) (value >>> 32));
		putInt((int) value);
	}

	private void ensure(int more) {
		if (size + more > bytes.length) {
			bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
		}
	}

}
