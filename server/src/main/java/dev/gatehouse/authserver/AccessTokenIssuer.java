package dev.gatehouse.authserver;

import com.nimbusds.jose.jwk.JWK;

import java.util.List;
import java.util.Optional;

/**
 * What a resource server needs to verify Gatehouse's access tokens without asking the
 * authorization server per call: the published keys (including the next key, published ahead,
 * and the previous one until it retires), the audience every token names, and the fixed issuer
 * when one is configured.
 */
public interface AccessTokenIssuer {

	/** Public halves of the published signing keys. Cached; at most a minute old. */
	List<JWK> verificationKeys();

	/** Reads the published keys again (a token named a key id this node has not seen). */
	List<JWK> reloadVerificationKeys();

	/** The {@code aud} claim of every access token. */
	String audience();

	/** The configured issuer; empty when it is taken from each request's host. */
	Optional<String> issuer();

}
