package dev.gatehouse.authserver.internal;

import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;

/**
 * The framework keeps a standing consent per client and user so it can skip the consent page next
 * time. Gatehouse never skips it, and the consent ledger is the record of every approval, so there
 * is nothing to keep here: no consent is ever found, saving and removing do nothing. (The JDBC
 * version also failed with a duplicate key when one user's first two consents ran at once.)
 */
final class NoStandingConsents implements OAuth2AuthorizationConsentService {

	@Override
	public void save(OAuth2AuthorizationConsent authorizationConsent) {
	}

	@Override
	public void remove(OAuth2AuthorizationConsent authorizationConsent) {
	}

	@Override
	public OAuth2AuthorizationConsent findById(String registeredClientId, String principalName) {
		return null;
	}

}
