package dev.gatehouse.monitoring.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A horizontal bar chart laid out on the server and drawn as plain SVG (the pages run no script),
 * as the traffic pages do. The page gives it a title and description and the same data as a table.
 */
record BarChart(String id, String title, String description, int width, int height, int labelWidth, List<Bar> bars) {

	static final int WIDTH = 640;

	private static final int LABEL = 220;

	private static final int ROW = 26;

	static BarChart of(String id, String title, List<Item> items) {
		long max = Math.max(1, items.stream().mapToLong(Item::value).max().orElse(0));
		double scale = (double) (WIDTH - LABEL - 60) / max;
		List<Bar> bars = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			Item item = items.get(i);
			double w = Math.max(item.value() > 0 ? 2 : 0, item.value() * scale);
			int y = 4 + i * ROW;
			bars.add(new Bar(item.label(), item.value(), fmt(LABEL), fmt(y), fmt(w), fmt(LABEL + w + 6), fmt(y + 14),
					item.tone() == null ? "bar-ok" : item.tone()));
		}
		long total = items.stream().mapToLong(Item::value).sum();
		String description = items.isEmpty() ? "Nothing to show."
				: "%d in all over %d rows; the largest is %s with %d.".formatted(total, items.size(),
						items.stream().max(java.util.Comparator.comparingLong(Item::value)).orElseThrow().label(), max);
		return new BarChart(id, title, description, WIDTH, Math.max(ROW, items.size() * ROW + 8), LABEL, bars);
	}

	private static String fmt(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

	/** One row of data; {@code tone} is a CSS class (bar-ok, bar-error, bar-limited). */
	record Item(String label, long value, String tone) {

		Item(String label, long value) {
			this(label, value, null);
		}

	}

	record Bar(String label, long value, String x, String y, String width, String valueX, String textY, String tone) {
	}

}
