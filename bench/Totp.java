/* Shared by the benchmark programs in this directory (the Java source launcher compiles it with them). */

import java.io.ByteArrayOutputStream;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s) of a base32 secret, for the demo logins' second factor. */
final class Totp {

	private Totp() {
	}

	static String code(String base32, long counter) throws Exception {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
		ByteArrayOutputStream key = new ByteArrayOutputStream();
		int buffer = 0, bits = 0;
		for (char ch : base32.replace("=", "").toUpperCase(Locale.ROOT).toCharArray()) {
			buffer = (buffer << 5) | alphabet.indexOf(ch);
			bits += 5;
			if (bits >= 8) {
				key.write((buffer >> (bits - 8)) & 0xff);
				bits -= 8;
			}
		}
		Mac mac = Mac.getInstance("HmacSHA1");
		mac.init(new SecretKeySpec(key.toByteArray(), "HmacSHA1"));
		byte[] h = mac.doFinal(java.nio.ByteBuffer.allocate(8).putLong(counter).array());
		int off = h[h.length - 1] & 0xf;
		int bin = ((h[off] & 0x7f) << 24) | ((h[off + 1] & 0xff) << 16) | ((h[off + 2] & 0xff) << 8) | (h[off + 3] & 0xff);
		return String.format(Locale.ROOT, "%06d", bin % 1_000_000);
	}

}
