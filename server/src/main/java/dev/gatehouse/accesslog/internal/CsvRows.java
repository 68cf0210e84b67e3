package dev.gatehouse.accesslog.internal;

import dev.gatehouse.accesslog.ApiCall;

import java.time.Instant;
import java.time.LocalDate;
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
		List<String> subjects = call.subjectIds();
		for (String subject : subjects.size() == 1 ? subjects : new LinkedHashSet<>(subjects)) {
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

	/**
	 * ISO-8601 in UTC to the microsecond (what PostgreSQL keeps), written digit by digit:
	 * {@link Instant#toString()} goes through a formatter and was most of this class's cost.
	 */
	static StringBuilder instant(StringBuilder out, Instant value) {
		long seconds = value.getEpochSecond();
		LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
		if (date.getYear() < 1000 || date.getYear() > 9999) {
			return out.append(value);
		}
		int secondOfDay = (int) Math.floorMod(seconds, 86_400);
		out.append(date.getYear()).append('-');
		two(out, date.getMonthValue()).append('-');
		two(out, date.getDayOfMonth()).append('T');
		two(out, secondOfDay / 3600).append(':');
		two(out, secondOfDay / 60 % 60).append(':');
		two(out, secondOfDay % 60).append('.');
		int micros = value.getNano() / 1000;
		for (int unit = 100_000; unit > 0; unit /= 10) {
			out.append((char) ('0' + micros / unit % 10));
		}
		return out.append('Z');
	}

	private static StringBuilder two(StringBuilder out, int value) {
		return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
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
