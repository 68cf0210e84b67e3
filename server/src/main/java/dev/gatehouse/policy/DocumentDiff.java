package dev.gatehouse.policy;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.DeltaType;

import java.util.ArrayList;
import java.util.List;

/** A line diff between two versions of a document, shown when publishing and when re-accepting. */
public record DocumentDiff(Integer fromVersion, int toVersion, List<Line> lines, int added, int removed) {

	public enum Kind {
		SAME, ADDED, REMOVED, GAP
	}

	public record Line(Kind kind, String text) {
	}

	/** Changed lines with two lines of context; long unchanged stretches collapse into a gap. */
	public static DocumentDiff between(DocumentVersion from, DocumentVersion to) {
		List<String> before = from == null ? List.of() : from.content().lines().toList();
		List<String> after = to.content().lines().toList();
		var patch = DiffUtils.diff(before, after);
		List<Line> lines = new ArrayList<>();
		int added = 0;
		int removed = 0;
		int position = 0;
		for (AbstractDelta<String> delta : patch.getDeltas()) {
			int start = delta.getSource().getPosition();
			int contextStart = Math.max(position, start - 2);
			if (contextStart > position) {
				lines.add(new Line(Kind.GAP, "…"));
			}
			for (int i = contextStart; i < start; i++) {
				lines.add(new Line(Kind.SAME, before.get(i)));
			}
			if (delta.getType() != DeltaType.INSERT) {
				for (String line : delta.getSource().getLines()) {
					lines.add(new Line(Kind.REMOVED, line));
					removed++;
				}
			}
			if (delta.getType() != DeltaType.DELETE) {
				for (String line : delta.getTarget().getLines()) {
					lines.add(new Line(Kind.ADDED, line));
					added++;
				}
			}
			position = start + delta.getSource().size();
			int contextEnd = Math.min(before.size(), position + 2);
			for (int i = position; i < contextEnd; i++) {
				lines.add(new Line(Kind.SAME, before.get(i)));
			}
			position = contextEnd;
		}
		if (position < before.size() && !patch.getDeltas().isEmpty()) {
			lines.add(new Line(Kind.GAP, "…"));
		}
		return new DocumentDiff(from == null ? null : from.version(), to.version(), lines, added, removed);
	}

}
