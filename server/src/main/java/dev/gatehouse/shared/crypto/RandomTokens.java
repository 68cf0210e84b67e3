package dev.gatehouse.shared.crypto;

import java.security.SecureRandom;
import java.util.Base64;

/** Random strings for secrets and public identifiers. */
public final class RandomTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final char[] LOWER_ALPHANUMERIC = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

	private RandomTokens() {
	}

	/** URL-safe Base64 of {@code bytes} random bytes, no padding. */
	public static String urlSafe(int bytes) {
		byte[] buffer = new byte[bytes];
		RANDOM.nextBytes(buffer);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
	}

	/** Lower-case letters and digits without look-alikes (no l, o, 0, 1): easy to read aloud or type. */
	public static String readable(int length) {
		char[] out = new char[length];
		for (int i = 0; i < length; i++) {
			out[i] = LOWER_ALPHANUMERIC[RANDOM.nextInt(LOWER_ALPHANUMERIC.length)];
		}
		return new String(out);
	}

}
