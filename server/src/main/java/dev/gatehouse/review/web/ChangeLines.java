package dev.gatehouse.review.web;

import dev.gatehouse.review.Reviews.ChangeLine;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The request-changes textarea: one change per line, optionally starting with its clause ("DS-4: ..."). */
final class ChangeLines {

	private static final Pattern CLAUSE = Pattern.compile("^\\s*([A-Z]{2,4}-[0-9]{1,3})\\s*[:\\-–]\\s*(.+)$");

	private ChangeLines() {
	}

	static List<ChangeLine> parse(String text) {
		return text.lines().map(String::strip).filter(l -> !l.isEmpty()).map(line -> {
			Matcher m = CLAUSE.matcher(line);
			return m.matches() ? new ChangeLine(m.group(1), m.group(2).strip()) : new ChangeLine(null, line.replaceFirst("^[-*]\\s*", ""));
		}).toList();
	}

}
