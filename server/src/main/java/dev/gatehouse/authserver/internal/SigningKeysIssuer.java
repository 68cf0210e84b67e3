package dev.gatehouse.authserver.internal;

import com.nimbusds.jose.jwk.JWK;

import dev.gatehouse.authserver.AccessTokenIssuer;
import dev.gatehouse.authserver.AuthServerProperties;
import dev.gatehouse.shared.web.WebProperties;

import java.util.List;
import java.util.Optional;

/** {@link AccessTokenIssuer} over the key table: the same keys the JWKS endpoint publishes. */
final class SigningKeysIssuer implements AccessTokenIssuer {

	private final SigningKeys keys;

	private final String audience;

	private final Optional<String> issuer;

	SigningKeysIssuer(SigningKeys keys, AuthServerProperties properties, WebProperties web) {
		this.keys = keys;
		this.audience = audience(properties, web);
		this.issuer = Optional.ofNullable(properties.issuer()).filter(i -> !i.isBlank());
	}

	static String audience(AuthServerProperties properties, WebProperties web) {
		return properties.apiAudience() == null || properties.apiAudience().isBlank() ? web.link("/platform")
				: properties.apiAudience();
	}

	@Override
	public List<JWK> verificationKeys() {
		return keys.published().stream().map(JWK::toPublicJWK).toList();
	}

	@Override
	public List<JWK> reloadVerificationKeys() {
		keys.forget();
		return verificationKeys();
	}

	@Override
	public String audience() {
		return audience;
	}

	@Override
	public Optional<String> issuer() {
		return issuer;
	}

}
