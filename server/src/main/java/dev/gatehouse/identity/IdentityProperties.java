package dev.gatehouse.identity;

import java.time.Duration;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Identity settings ({@code gatehouse.identity.*}).
 *
 * @param bootstrapAdmin the operator admin created on first start when none exists
 * @param login brute-force protection
 * @param totpIssuer the name authenticator apps show next to the code
 * @param passkeys the WebAuthn relying party
 */
@ConfigurationProperties("gatehouse.identity")
public record IdentityProperties(@DefaultValue BootstrapAdmin bootstrapAdmin, @DefaultValue Login login,
		@DefaultValue("Gatehouse") String totpIssuer, @DefaultValue Passkeys passkeys) {

	/**
	 * With no password, a one-time password is generated, printed once to the log, and must be
	 * changed at first login.
	 */
	public record BootstrapAdmin(@DefaultValue("admin@gatehouse.local") String email, String password) {
	}

	/**
	 * After {@code delayAfterFailures} failures in {@code failureWindow}, each further attempt waits a
	 * doubling delay from {@code baseDelay} up to {@code maxDelay}; at the lockout thresholds the
	 * account or the client address is locked for {@code lockoutDuration}.
	 */
	public record Login(@DefaultValue("3") int delayAfterFailures, @DefaultValue("1s") Duration baseDelay,
			@DefaultValue("30s") Duration maxDelay, @DefaultValue("10") int accountLockoutAfter,
			@DefaultValue("50") int addressLockoutAfter, @DefaultValue("15m") Duration lockoutDuration,
			@DefaultValue("1h") Duration failureWindow) {
	}

	/**
	 * Passkeys (WebAuthn). {@code rpId} is the domain passkeys are bound to (the host of the site,
	 * or a parent domain of it); {@code allowedOrigins} are the exact origins the browser may report,
	 * such as {@code https://gatehouse.example.com}.
	 */
	public record Passkeys(@DefaultValue("localhost") String rpId, @DefaultValue("Gatehouse") String rpName,
			@DefaultValue("http://localhost:8080") Set<String> allowedOrigins) {
	}

}
