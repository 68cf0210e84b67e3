package dev.gatehouse.gateway.internal;

import java.time.Instant;

/**
 * Tokens of {@code subject} issued before {@code notBefore} are refused until {@code expiresAt}.
 *
 * @param kind {@code token} (subject is a jti), {@code app}, {@code installation} or {@code client}
 */
record Revocation(String kind, String subject, Instant notBefore, Instant expiresAt, Instant recordedAt) {

	String key() {
		return key(kind, subject);
	}

	static String key(String kind, String subject) {
		return kind + ':' + subject;
	}

}
