package dev.gatehouse.review.internal.checks;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * {@code check.confusable-name}: the app's name is not confusable with another app's name or a
 * protected name. Both are reduced to their UTS #39 confusable skeleton (ICU's reference data, so
 * Cyrillic "а" and Latin "a", "rn" and "m", "0" and "O" compare equal) after case folding, with
 * spaces and punctuation dropped; then names within {@code maxEditDistance} edits are flagged.
 * Short skeletons only match exactly, or every three-letter name would clash with every other.
 * A protected name hidden inside the app's name ("Examp1e Platform Sync") is flagged too.
 */
@Component
class ConfusableNameCheck implements Check {

	static final int DEFAULT_MAX_EDIT_DISTANCE = 2;

	private static final SpoofChecker SPOOF = new SpoofChecker.Builder().build();

	private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();

	@Override
	public String id() {
		return "check.confusable-name";
	}

	@Override
	public Verdict evaluate(CheckInput input, Map<String, Object> params) {
		int max = Check.intParam(params, "maxEditDistance", DEFAULT_MAX_EDIT_DISTANCE);
		String name = input.name();
		String skeleton = skeleton(name);
		List<Map<String, Object>> clashes = new ArrayList<>();
		for (String protectedName : input.pack().brand().protectedNames()) {
			String other = skeleton(protectedName);
			if (!other.isEmpty() && (skeleton.contains(other) || close(skeleton, other, max))) {
				clashes.add(clash("protected name", protectedName, other, skeleton));
			}
		}
		for (String otherName : input.otherAppNames().get()) {
			String other = skeleton(otherName);
			if (close(skeleton, other, max)) {
				clashes.add(clash("app", otherName, other, skeleton));
			}
		}
		Map<String, Object> evidence = new LinkedHashMap<>();
		evidence.put("name", name);
		evidence.put("skeleton", skeleton);
		evidence.put("maxEditDistance", max);
		evidence.put("comparedWithApps", input.otherAppNames().get().size());
		evidence.put("clashes", clashes);
		return clashes.isEmpty() ? Verdict.pass("The name is not confusable with another app or a protected name.", evidence)
				: Verdict.fail("The name is confusable with " + String.join(", ",
						clashes.stream().map(c -> c.get("kind") + " \"" + c.get("with") + "\"").toList()) + ".", evidence);
	}

	/** The UTS #39 skeleton of the case-folded name, without spaces and punctuation. */
	static String skeleton(String name) {
		if (name == null) {
			return "";
		}
		// skeleton first ("I" looks like "l" only in capitals), then fold case and take the skeleton again
		String once = NFKC_CASEFOLD.normalize(SPOOF.getSkeleton(name));
		String twice = SPOOF.getSkeleton(once);
		StringBuilder kept = new StringBuilder();
		twice.codePoints().filter(UCharacter::isLetterOrDigit).forEach(kept::appendCodePoint);
		return UCharacter.foldCase(kept.toString(), true);
	}

	static boolean close(String a, String b, int max) {
		if (a.isEmpty() || b.isEmpty()) {
			return false;
		}
		if (a.equals(b)) {
			return true;
		}
		if (Math.min(a.codePointCount(0, a.length()), b.codePointCount(0, b.length())) <= 3 * max) {
			return false;
		}
		return Math.abs(a.length() - b.length()) <= max && distance(a, b) <= max;
	}

	/** Levenshtein distance over code points. */
	static int distance(String a, String b) {
		int[] x = a.codePoints().toArray();
		int[] y = b.codePoints().toArray();
		int[] previous = new int[y.length + 1];
		int[] current = new int[y.length + 1];
		for (int j = 0; j <= y.length; j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= x.length; i++) {
			current[0] = i;
			for (int j = 1; j <= y.length; j++) {
				int cost = x[i - 1] == y[j - 1] ? 0 : 1;
				current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[y.length];
	}

	private static Map<String, Object> clash(String kind, String with, String otherSkeleton, String skeleton) {
		Map<String, Object> clash = new LinkedHashMap<>();
		clash.put("kind", kind);
		clash.put("with", with);
		clash.put("skeleton", otherSkeleton);
		clash.put("distance", distance(skeleton, otherSkeleton));
		return clash;
	}

}
