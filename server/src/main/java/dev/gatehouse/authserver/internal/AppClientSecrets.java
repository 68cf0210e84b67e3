package dev.gatehouse.authserver.internal;

import dev.gatehouse.apps.AppCredentials;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checks client secrets against the app registry for Spring's {@code ClientSecretAuthenticationProvider}.
 * Our secrets are kept as HMAC-peppered digests with rotation overlaps, which no stock
 * {@link PasswordEncoder} can check; so a {@link AppRegisteredClients registered client}'s "secret"
 * is only a reference ({@value #REFERENCE_PREFIX} + client id) and matching asks
 * {@link AppCredentials#authenticate}. Everything else the provider does (the authentication
 * method check, PKCE verification of code exchanges, the RFC 6749 errors) stays the framework's.
 */
final class AppClientSecrets implements PasswordEncoder {

	static final String REFERENCE_PREFIX = "{gatehouse-app-credential}";

	private final AppCredentials credentials;

	private final ClientCache cache;

	AppClientSecrets(AppCredentials credentials, ClientCache cache) {
		this.credentials = credentials;
		this.cache = cache;
	}

	static String referenceTo(String clientId) {
		return REFERENCE_PREFIX + clientId;
	}

	@Override
	public String encode(CharSequence rawPassword) {
		throw new UnsupportedOperationException("Client secrets are issued by AppCredentials");
	}

	@Override
	public boolean matches(CharSequence rawPassword, String reference) {
		if (rawPassword == null || reference == null || !reference.startsWith(REFERENCE_PREFIX)) {
			return false;
		}
		String clientId = reference.substring(REFERENCE_PREFIX.length());
		String secret = rawPassword.toString();
		return cache.secretMatches(clientId, secret, () -> credentials.authenticate(clientId, secret).isPresent());
	}

}
