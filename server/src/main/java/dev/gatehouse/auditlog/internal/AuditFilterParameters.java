package dev.gatehouse.auditlog.internal;

import dev.gatehouse.auditlog.AuditQuery;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * The audit log filters as typed into a form or a query string, shared by the operator page and the
 * JSON API. Times are ISO-8601; without an offset they are read as UTC.
 */
public record AuditFilterParameters(String actor, String action, String target, String from, String to,
		String before, String size) {

	public static final String TIME_HINT = "ISO-8601 in UTC, for example 2026-01-31T12:00Z";

	/** The query these parameters describe, or {@link InvalidAuditFilterException} naming the bad field. */
	public AuditQuery toQuery() {
		Instant fromTime = time("from", from);
		Instant toTime = time("to", to);
		if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
			throw new InvalidAuditFilterException("to", "must be later than from");
		}
		return new AuditQuery(actor, action, target, fromTime, toTime, parseBefore(), parseSize());
	}

	/** These filters (not the paging) as a query string, {@code ""} or starting with {@code ?}. */
	public String filterQueryString() {
		var builder = UriComponentsBuilder.newInstance();
		filters().forEach(builder::queryParam);
		String query = builder.encode().build().getQuery();
		return query == null ? "" : "?" + query;
	}

	/** The non-blank filters by parameter name, in form order. */
	public Map<String, String> filters() {
		var filters = new LinkedHashMap<String, String>();
		put(filters, "actor", actor);
		put(filters, "action", action);
		put(filters, "target", target);
		put(filters, "from", from);
		put(filters, "to", to);
		return filters;
	}

	private Long parseBefore() {
		if (isBlank(before)) {
			return null;
		}
		try {
			long value = Long.parseLong(before.strip());
			if (value > 0) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new InvalidAuditFilterException("before", "must be a positive sequence number");
	}

	private int parseSize() {
		if (isBlank(size)) {
			return AuditQuery.DEFAULT_SIZE;
		}
		try {
			int value = Integer.parseInt(size.strip());
			if (value >= 1 && value <= AuditQuery.MAX_SIZE) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new InvalidAuditFilterException("size", "must be a number from 1 to " + AuditQuery.MAX_SIZE);
	}

	private static Instant time(String field, String value) {
		if (isBlank(value)) {
			return null;
		}
		String text = value.strip();
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			// try the forms without an offset
		}
		try {
			return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			// try a date alone
		}
		try {
			return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidAuditFilterException(field, "must be a time, " + TIME_HINT);
		}
	}

	private static void put(Map<String, String> map, String name, String value) {
		if (!isBlank(value)) {
			map.put(name, value.strip());
		}
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
