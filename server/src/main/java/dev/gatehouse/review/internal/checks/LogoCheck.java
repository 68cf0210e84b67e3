package dev.gatehouse.review.internal.checks;

import dev.gatehouse.policy.pack.PolicyPack.LogoRules;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * {@code check.logo}: the stored logo meets the pack's {@code brand.logo} rules now in force
 * (dimensions, squareness, size). The upload was checked against the rules of its day and
 * re-encoded as PNG; this catches rules that changed since and logos stored before them.
 */
@Component
class LogoCheck implements Check {

	@Override
	public String id() {
		return "check.logo";
	}

	@Override
	public Verdict evaluate(CheckInput input, Map<String, Object> params) {
		if (input.revision().logoSha256() == null) {
			return Verdict.notApplicable("No logo uploaded (the required-fields check covers a missing logo).");
		}
		Optional<byte[]> png = input.logoPng().get();
		if (png.isEmpty()) {
			return Verdict.fail("The logo of this revision is not stored.", Map.of("sha256", input.revision().logoSha256()));
		}
		byte[] bytes = png.get();
		int[] size = pngSize(bytes);
		LogoRules rules = input.pack().brand().logo();
		Map<String, Object> evidence = new LinkedHashMap<>();
		evidence.put("sha256", input.revision().logoSha256());
		evidence.put("bytes", bytes.length);
		evidence.put("rules", Map.of("maxBytes", rules.maxBytes(), "minPixels", rules.minPixels(), "maxPixels",
				rules.maxPixels(), "square", rules.square()));
		if (size == null) {
			return Verdict.fail("The stored logo is not a readable PNG.", evidence);
		}
		evidence.put("width", size[0]);
		evidence.put("height", size[1]);
		var problems = new java.util.ArrayList<String>();
		if (bytes.length > rules.maxBytes()) {
			problems.add("larger than " + rules.maxBytes() + " bytes");
		}
		if (Math.min(size[0], size[1]) < rules.minPixels()) {
			problems.add("smaller than " + rules.minPixels() + " pixels");
		}
		if (Math.max(size[0], size[1]) > rules.maxPixels()) {
			problems.add("larger than " + rules.maxPixels() + " pixels");
		}
		if (rules.square() && size[0] != size[1]) {
			problems.add("not square");
		}
		evidence.put("problems", problems);
		return problems.isEmpty() ? Verdict.pass("The logo (" + size[0] + "×" + size[1] + ") meets the logo rules.", evidence)
				: Verdict.fail("The logo is " + String.join(", ", problems) + ".", evidence);
	}

	/** Width and height from the PNG's IHDR chunk, or null when it is not a PNG. */
	static int[] pngSize(byte[] png) {
		byte[] magic = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
		if (png.length < 24 || !java.util.Arrays.equals(png, 0, 8, magic, 0, 8)
				|| !new String(png, 12, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("IHDR")) {
			return null;
		}
		var buffer = java.nio.ByteBuffer.wrap(png, 16, 8);
		return new int[] { buffer.getInt(), buffer.getInt() };
	}

}
