package dev.gatehouse.identity.internal;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.secret.DefaultSecretGenerator;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.OptionalLong;

import org.springframework.stereotype.Component;

/**
 * RFC 6238 codes: SHA-1, six digits, 30-second steps, one step of clock drift either way (what
 * every authenticator app speaks). Returns the matched step so the caller can refuse its reuse.
 */
@Component
public class TotpCodes {

	static final int PERIOD_SECONDS = 30;

	private static final int DRIFT_STEPS = 1;

	private final DefaultCodeGenerator generator = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);

	private final DefaultSecretGenerator secrets = new DefaultSecretGenerator(32);

	private final Clock clock;

	TotpCodes(Clock clock) {
		this.clock = clock;
	}

	public static TotpCodes forTests(Clock clock) {
		return new TotpCodes(clock);
	}

	public String newSecret() {
		return secrets.generate();
	}

	public long currentStep() {
		return clock.instant().getEpochSecond() / PERIOD_SECONDS;
	}

	public String codeAt(String secret, long step) {
		try {
			return generator.generate(secret, step);
		}
		catch (CodeGenerationException ex) {
			throw new IllegalStateException("Cannot compute TOTP code", ex);
		}
	}

	/** The step whose code matches, within the allowed drift, if any. */
	public OptionalLong match(String secret, String code) {
		if (code == null || !code.matches("\\d{6}")) {
			return OptionalLong.empty();
		}
		long now = currentStep();
		for (long step = now - DRIFT_STEPS; step <= now + DRIFT_STEPS; step++) {
			if (MessageDigest.isEqual(codeAt(secret, step).getBytes(StandardCharsets.US_ASCII),
					code.getBytes(StandardCharsets.US_ASCII))) {
				return OptionalLong.of(step);
			}
		}
		return OptionalLong.empty();
	}

}
