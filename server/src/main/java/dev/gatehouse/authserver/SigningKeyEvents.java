package dev.gatehouse.authserver;

import dev.gatehouse.shared.audit.Audited;

import java.time.Instant;
import java.util.Map;

/** The life of the token signing keys; each step is an audit record. */
public final class SigningKeyEvents {

	private SigningKeyEvents() {
	}

	/** A key was generated and published; it signs from {@code activatesAt}. */
	public record SigningKeyPublished(String kid, Instant activatesAt, String reason) implements Audited {

		public String action() {
			return "authserver.signing_key.published";
		}

		public String target() {
			return "signing_key:" + kid;
		}

		public String actor() {
			return "system";
		}

		public Map<String, Object> details() {
			return Map.of("activatesAt", activatesAt.toString(), "reason", reason);
		}

	}

	/** A replaced key left the JWKS: tokens it signed no longer verify. */
	public record SigningKeyRetired(String kid) implements Audited {

		public String action() {
			return "authserver.signing_key.retired";
		}

		public String target() {
			return "signing_key:" + kid;
		}

		public String actor() {
			return "system";
		}

	}

}
