package dev.gatehouse.authserver.internal;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * A consent that cannot be taken as it came: the screen changed since it was shown, or the account
 * chosen is not one the user may choose. The user is sent back to the consent page; nothing was
 * issued and the authorization request stays open.
 */
final class ConsentRetryException extends OAuth2AuthenticationException {

	private final String consentPage;

	ConsentRetryException(String consentPage) {
		super(new OAuth2Error("invalid_request"), "Consent must be given again");
		this.consentPage = consentPage;
	}

	String consentPage() {
		return consentPage;
	}

}
