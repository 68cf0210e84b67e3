package dev.gatehouse.accesslog.web;

import dev.gatehouse.shared.web.InputRejectedException;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/** The windows the traffic pages offer, each with a bucket size that gives a readable chart. */
enum TrafficWindow {

	LAST_24H("24h", "Last 24 hours", Duration.ofHours(24), Duration.ofHours(1)),
	LAST_7D("7d", "Last 7 days", Duration.ofDays(7), Duration.ofHours(6)),
	LAST_30D("30d", "Last 30 days", Duration.ofDays(30), Duration.ofDays(1));

	private final String param;

	private final String label;

	private final Duration length;

	private final Duration bucket;

	TrafficWindow(String param, String label, Duration length, Duration bucket) {
		this.param = param;
		this.label = label;
		this.length = length;
		this.bucket = bucket;
	}

	static TrafficWindow parse(String param) {
		return Arrays.stream(values())
			.filter(w -> w.param.equals(param))
			.findFirst()
			.orElseThrow(() -> new InputRejectedException("window", "Choose a window of 24h, 7d or 30d."));
	}

	/** The end of the window: the end of the current bucket, so buckets line up with hours or days. */
	Instant end(Instant now) {
		Instant start = now.truncatedTo(bucket.compareTo(Duration.ofDays(1)) >= 0 ? ChronoUnit.DAYS : ChronoUnit.HOURS);
		while (!start.isAfter(now)) {
			start = start.plus(bucket);
		}
		return start;
	}

	Instant start(Instant now) {
		return end(now).minus(length);
	}

	public String param() {
		return param;
	}

	public String label() {
		return label;
	}

	public Duration bucket() {
		return bucket;
	}

}
