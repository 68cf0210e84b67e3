package dev.gatehouse.accesslog.web;

import dev.gatehouse.accesslog.TrafficBucket;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A stacked bar chart of traffic buckets, laid out here so the page renders it as plain SVG: the
 * content security policy allows no script, and no chart library is needed for bars.
 */
record TrafficChart(int width, int height, int plotTop, int plotBottom, int plotLeft, List<Bar> bars,
		List<Tick> ticks, long max, String summary) {

	static final int WIDTH = 720;

	static final int HEIGHT = 220;

	private static final int LEFT = 48;

	private static final int TOP = 10;

	private static final int BOTTOM = 190;

	static TrafficChart of(List<TrafficBucket> buckets, Duration bucket) {
		DateTimeFormatter label = DateTimeFormatter
			.ofPattern(bucket.compareTo(Duration.ofDays(1)) >= 0 ? "MMM d" : "MMM d HH:mm")
			.withZone(ZoneOffset.UTC);
		long max = Math.max(1, buckets.stream().mapToLong(TrafficBucket::calls).max().orElse(0));
		double slot = (double) (WIDTH - LEFT - 4) / Math.max(1, buckets.size());
		double scale = (double) (BOTTOM - TOP) / max;
		List<Bar> bars = new ArrayList<>();
		List<Tick> ticks = new ArrayList<>();
		int every = Math.max(1, buckets.size() / 6);
		for (int i = 0; i < buckets.size(); i++) {
			TrafficBucket b = buckets.get(i);
			double x = LEFT + i * slot + slot * 0.1;
			double w = Math.max(1, slot * 0.8);
			long ok = b.calls() - b.errors() - b.rateLimited();
			double okH = ok * scale;
			double errH = b.errors() * scale;
			double limH = b.rateLimited() * scale;
			bars.add(new Bar(round(x), round(w), round(BOTTOM - okH), round(okH), round(BOTTOM - okH - errH), round(errH),
					round(BOTTOM - okH - errH - limH), round(limH), label.format(b.start()) + ": " + b.calls() + " calls, "
							+ b.errors() + " errors, " + b.rateLimited() + " rate limited"));
			if (i % every == 0) {
				ticks.add(new Tick(round(x + w / 2), label.format(b.start())));
			}
		}
		long calls = buckets.stream().mapToLong(TrafficBucket::calls).sum();
		long errors = buckets.stream().mapToLong(TrafficBucket::errors).sum();
		long limited = buckets.stream().mapToLong(TrafficBucket::rateLimited).sum();
		String summary = calls == 0 ? "No calls in this window."
				: "%d calls in %d buckets of %s, at most %d in one bucket; %d errors and %d rate limited."
					.formatted(calls, buckets.size(), human(bucket), max, errors, limited);
		return new TrafficChart(WIDTH, HEIGHT, TOP, BOTTOM, LEFT, bars, ticks, max, summary);
	}

	private static String human(Duration bucket) {
		return bucket.toDays() >= 1 ? bucket.toDays() + " day" + (bucket.toDays() > 1 ? "s" : "")
				: bucket.toHours() + " hour" + (bucket.toHours() > 1 ? "s" : "");
	}

	private static String round(double value) {
		return String.format(java.util.Locale.ROOT, "%.1f", value);
	}

	/** One bucket: the successful, error and rate-limited parts stacked from the bottom. */
	record Bar(String x, String width, String okY, String okHeight, String errorY, String errorHeight, String limitedY,
			String limitedHeight, String title) {
	}

	record Tick(String x, String label) {
	}

}
