package dev.gatehouse.accesslog.internal;

import dev.gatehouse.accesslog.ApiCall;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * The rows of a batch in PostgreSQL's COPY CSV format. An unquoted empty field is NULL, every text
 * is quoted (so an empty string stays one), and arrays are array literals with their own quoting
 * inside the CSV quoting. NUL characters, which PostgreSQL text cannot hold, are dropped so one odd
 * request cannot fail a whole batch.
 */
final class CsvRows {

	static final String CALL_COLUMNS = "id, occurred_at, app_id, client_id, installation_id, customer_account_id, route_id, "
			+ "method, path, status, latency_micros, request_bytes, response_bytes, scopes, data_categories, subject_ids, "
			+ "client_address, rejection";

	static final String TOUCH_COLUMNS = "customer_account_id, subject_id, occurred_at, app_id, installation_id, call_id, "
			+ "data_categories";

	private CsvRows() {
	}

	static void call(StringBuilder out, ApiCall call) {
		uuid(out, call.id()).append(',');
		instant(out, call.occurredAt()).append(',');
		uuid(out, call.appId()).append(',');
		text(out, call.clientId()).append(',');
		uuid(out, call.installationId()).append(',');
		uuid(out, call.customerAccountId()).append(',');
		text(out, call.routeId()).append(',');
		text(out, call.method() == null ? "" : call.method()).append(',');
		text(out, call.path() == null ? "" : call.path()).append(',');
		out.append(call.status()).append(',');
		out.append(call.latencyMicros()).append(',');
		out.append(call.requestBytes()).append(',');
		out.append(call.responseBytes()).append(',');
		array(out, call.scopes()).append(',');
		array(out, call.dataCategories()).append(',');
		array(out, call.subjectIds()).append(',');
		text(out, call.clientAddress()).append(',');
		text(out, call.rejection()).append('\n');
	}

	/** One touch per distinct subject of a call made for a customer account; returns how many. */
	static int touches(StringBuilder out, ApiCall call) {
		if (call.customerAccountId() == null || call.subjectIds().isEmpty()) {
			return 0;
		}
		int rows = 0;
		for (String subject : new LinkedHashSet<>(call.subjectIds())) {
			if (subject == null || subject.isEmpty()) {
				continue;
			}
			uuid(out, call.customerAccountId()).append(',');
			text(out, subject).append(',');
			instant(out, call.occurredAt()).append(',');
			uuid(out, call.appId()).append(',');
			uuid(out, call.installationId()).append(',');
			uuid(out, call.id()).append(',');
			array(out, call.dataCategories()).append('\n');
			rows++;
		}
		return rows;
	}

	private static StringBuilder uuid(StringBuilder out, UUID value) {
		return value == null ? out : out.append(value);
	}

	private static StringBuilder instant(StringBuilder out, Instant value) {
		return out.append(value);
	}

	private static StringBuilder text(StringBuilder out, String value) {
		if (value == null) {
			return out;
		}
		out.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"') {
				out.append("\"\"");
			}
			else if (c != 0) {
				out.append(c);
			}
		}
		return out.append('"');
	}

	/** {@code {"a","b"}} inside CSV quotes: element quotes and backslashes escaped for the array parser, CSV quotes doubled. */
	private static StringBuilder array(StringBuilder out, List<String> values) {
		out.append("\"{");
		for (int i = 0; i < values.size(); i++) {
			if (i > 0) {
				out.append(',');
			}
			String value = values.get(i);
			if (value == null) {
				out.append("NULL");
				continue;
			}
			out.append("\"\"");
			for (int j = 0; j < value.length(); j++) {
				char c = value.charAt(j);
				switch (c) {
					case '"' -> out.append("\\\"\"");
					case '\\' -> out.append("\\\\");
					case 0 -> {
					}
					default -> out.append(c);
				}
			}
			out.append("\"\"");
		}
		return out.append("}\"");
	}

}
