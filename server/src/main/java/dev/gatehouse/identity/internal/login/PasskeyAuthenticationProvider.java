package dev.gatehouse.identity.internal.login;

import dev.gatehouse.identity.UserId;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationProvider;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationRequestToken;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;

/**
 * Spring's passkey check, then ours: the account must exist and be enabled. Every refusal names
 * the account whose passkey it was, when the passkey is known, so the login events can say whose.
 */
final class PasskeyAuthenticationProvider implements AuthenticationProvider {

	private final WebAuthnAuthenticationProvider passkeys;

	private final GatehouseUserDetailsService users;

	private final UserCredentialRepository credentials;

	private final PublicKeyCredentialUserEntityRepository userEntities;

	PasskeyAuthenticationProvider(WebAuthnRelyingPartyOperations relyingParty, GatehouseUserDetailsService users,
			UserCredentialRepository credentials, PublicKeyCredentialUserEntityRepository userEntities) {
		this.passkeys = new WebAuthnAuthenticationProvider(relyingParty, users);
		this.users = users;
		this.credentials = credentials;
		this.userEntities = userEntities;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		var request = (WebAuthnAuthenticationRequestToken) authentication;
		Authentication accepted;
		try {
			accepted = passkeys.authenticate(request);
		}
		catch (AuthenticationException ex) {
			String owner = owner(request);
			throw rejected(owner, owner == null ? "unknown passkey" : "passkey not accepted", ex);
		}
		GatehousePrincipal user = (GatehousePrincipal) users.loadUserByUsername(accepted.getName());
		if (!user.isEnabled()) {
			throw new PasskeyRejectedException(user.userId(), user.email(), "account disabled", null);
		}
		return accepted;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return WebAuthnAuthenticationRequestToken.class.isAssignableFrom(authentication);
	}

	private String owner(WebAuthnAuthenticationRequestToken request) {
		CredentialRecord record = credentials
			.findByCredentialId(request.getWebAuthnRequest().getPublicKey().getRawId());
		if (record == null) {
			return null;
		}
		PublicKeyCredentialUserEntity entity = userEntities.findById(record.getUserEntityUserId());
		return entity == null ? null : entity.getName();
	}

	private PasskeyRejectedException rejected(String username, String reason, AuthenticationException cause) {
		if (username == null) {
			return new PasskeyRejectedException(null, "", reason, cause);
		}
		try {
			var user = (GatehousePrincipal) users.loadUserByUsername(username);
			return new PasskeyRejectedException(user.userId(), user.email(), reason, cause);
		}
		catch (UsernameNotFoundException ex) {
			return new PasskeyRejectedException((UserId) null, username, reason, cause);
		}
	}

}
