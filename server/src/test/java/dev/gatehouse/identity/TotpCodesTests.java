package dev.gatehouse.identity;

import dev.gatehouse.identity.internal.TotpCodes;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TotpCodesTests {

	/** RFC 6238 appendix B: the SHA-1 key "12345678901234567890", base32-encoded. */
	private static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

	@Test
	void codeAtWhenRfcVectorThenSixLowDigitsMatch() {
		var totp = at(Instant.ofEpochSecond(59));

		// RFC 6238: 94287082 at T=59 (8 digits); six digits are its last six.
		assertThat(totp.codeAt(RFC_SECRET, totp.currentStep())).isEqualTo("287082");
	}

	@Test
	void matchWhenCodeIsFromTheNeighbouringStepThenAcceptedWithThatStep() {
		var totp = at(Instant.ofEpochSecond(1111111109L));
		long now = totp.currentStep();

		assertThat(totp.match(RFC_SECRET, totp.codeAt(RFC_SECRET, now - 1))).hasValue(now - 1);
		assertThat(totp.match(RFC_SECRET, totp.codeAt(RFC_SECRET, now + 1))).hasValue(now + 1);
		assertThat(totp.match(RFC_SECRET, totp.codeAt(RFC_SECRET, now - 2))).isEmpty();
	}

	@Test
	void matchWhenCodeIsNotSixDigitsThenRejected() {
		var totp = at(Instant.ofEpochSecond(59));

		assertThat(totp.match(RFC_SECRET, "28708")).isEmpty();
		assertThat(totp.match(RFC_SECRET, "abcdef")).isEmpty();
		assertThat(totp.match(RFC_SECRET, null)).isEmpty();
	}

	private static TotpCodes at(Instant instant) {
		return TotpCodes.forTests(Clock.fixed(instant, ZoneOffset.UTC));
	}

}
