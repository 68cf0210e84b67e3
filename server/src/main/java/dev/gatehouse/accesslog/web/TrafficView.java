package dev.gatehouse.accesslog.web;

import dev.gatehouse.accesslog.AccessLog;
import dev.gatehouse.accesslog.TrafficBucket;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.ui.Model;

/** What both traffic pages show for one app or all of them: totals, the chart, the buckets and the top routes. */
final class TrafficView {

	static final int TOP_ROUTES = 10;

	private TrafficView() {
	}

	static void fill(Model model, AccessLog accessLog, UUID app, TrafficWindow window, Instant now) {
		Instant from = window.start(now);
		Instant to = window.end(now);
		List<TrafficBucket> buckets = accessLog.traffic(app, from, to, window.bucket());
		long calls = buckets.stream().mapToLong(TrafficBucket::calls).sum();
		long errors = buckets.stream().mapToLong(TrafficBucket::errors).sum();
		long limited = buckets.stream().mapToLong(TrafficBucket::rateLimited).sum();
		model.addAttribute("window", window);
		model.addAttribute("windows", TrafficWindow.values());
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		model.addAttribute("buckets", buckets);
		model.addAttribute("totals", new Totals(calls, errors, limited));
		model.addAttribute("chart", TrafficChart.of(buckets, window.bucket()));
		model.addAttribute("routes", accessLog.topRoutes(app, from, to, TOP_ROUTES));
	}

	/** Sums over the window; rates in percent with one decimal. */
	record Totals(long calls, long errors, long rateLimited) {

		public String errorRate() {
			return percent(errors);
		}

		public String rateLimitedRate() {
			return percent(rateLimited);
		}

		private String percent(long part) {
			return calls == 0 ? "0.0" : String.format(java.util.Locale.ROOT, "%.1f", 100.0 * part / calls);
		}

	}

}
