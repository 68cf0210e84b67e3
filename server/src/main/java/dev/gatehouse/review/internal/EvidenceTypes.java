package dev.gatehouse.review.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The evidence file types accepted, decided by the bytes (never by the name or the browser's
 * claim): PDF, PNG, JPEG, ZIP (which covers office documents), and UTF-8 text (including CSV).
 * The stored content type is the one found here, so a download never becomes HTML or a script.
 */
public final class EvidenceTypes {

	private EvidenceTypes() {
	}

	public static Optional<String> sniff(byte[] b) {
		if (starts(b, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
			return Optional.of("application/pdf");
		}
		if (starts(b, new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' })) {
			return Optional.of("image/png");
		}
		if (starts(b, new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF })) {
			return Optional.of("image/jpeg");
		}
		if (starts(b, new byte[] { 'P', 'K', 3, 4 })) {
			return Optional.of("application/zip");
		}
		if (b.length > 0 && text(b)) {
			return Optional.of("text/plain; charset=utf-8");
		}
		return Optional.empty();
	}

	private static boolean starts(byte[] b, byte[] prefix) {
		return b.length >= prefix.length && Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
	}

	/** Valid UTF-8 without NUL or other control characters than tab and line ends, and no markup. */
	private static boolean text(byte[] b) {
		String s;
		try {
			s = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(b))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return false;
		}
		String head = s.stripLeading().toLowerCase(java.util.Locale.ROOT);
		if (head.startsWith("<")) {
			return false;
		}
		return s.chars().noneMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r');
	}

}
