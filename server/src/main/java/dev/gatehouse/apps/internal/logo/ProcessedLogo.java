package dev.gatehouse.apps.internal.logo;

import java.util.Objects;

/**
 * A logo that passed the pack's rules, re-encoded as a PNG with no metadata.
 *
 * @param png the re-encoded image (sRGB, 8 bits per channel with alpha)
 * @param width width in pixels
 * @param height height in pixels
 * @param sha256Hex SHA-256 of {@code png}, lower-case hex: a content address for storage and caching
 * @param detectedFormat what the upload really was, from its bytes: {@code png}, {@code jpeg} or {@code webp}
 */
public record ProcessedLogo(byte[] png, int width, int height, String sha256Hex, String detectedFormat) {

	public ProcessedLogo {
		Objects.requireNonNull(png, "png");
		Objects.requireNonNull(sha256Hex, "sha256Hex");
		Objects.requireNonNull(detectedFormat, "detectedFormat");
	}

	@Override
	public String toString() {
		return "ProcessedLogo[" + width + "x" + height + ", " + png.length + " bytes, sha256=" + sha256Hex
				+ ", from " + detectedFormat + "]";
	}

}
