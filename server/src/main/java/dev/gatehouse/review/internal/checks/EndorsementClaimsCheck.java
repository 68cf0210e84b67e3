package dev.gatehouse.review.internal.checks;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * {@code check.endorsement-claims}: "official", "certified by" and the pack's other endorsement
 * claims are allowed only to a developer whose publisher identity is verified; the reviewer still
 * judges whether the claim is true.
 */
@Component
class EndorsementClaimsCheck implements Check {

	@Override
	public String id() {
		return "check.endorsement-claims";
	}

	@Override
	public Verdict evaluate(CheckInput input, Map<String, Object> params) {
		var hits = Phrases.find(input.listingText(), input.pack().wordLists().endorsementClaims());
		Map<String, Object> evidence = new LinkedHashMap<>();
		evidence.put("found", hits);
		evidence.put("verifiedPublisher", input.verifiedPublisher());
		if (hits.isEmpty()) {
			return Verdict.pass("The listing makes no endorsement claim.", evidence);
		}
		if (input.verifiedPublisher()) {
			return Verdict.pass("Endorsement claims by a verified publisher: " + String.join(", ", hits.keySet())
					+ " (the reviewer confirms they are true).", evidence);
		}
		return Verdict.fail("Endorsement claims without a verified publisher badge in: " + String.join(", ", hits.keySet())
				+ ".", evidence);
	}

}
