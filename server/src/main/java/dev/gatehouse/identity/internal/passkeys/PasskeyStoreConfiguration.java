package dev.gatehouse.identity.internal.passkeys;

import dev.gatehouse.shared.db.SchemaQualifiedJdbcOperations;

import dev.gatehouse.identity.IdentityProperties;
import dev.gatehouse.identity.internal.UserRepository;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;

/**
 * Where passkeys are kept (PostgreSQL, identity schema) and the relying party that checks them.
 * Spring Security's WebAuthn configurer picks these beans up. A passkey stands in for password and
 * second factor together, so the authenticator must verify the user (PIN, fingerprint, face) both
 * when the passkey is made and each time it is used.
 */
@Configuration(proxyBeanMethods = false)
class PasskeyStoreConfiguration {

	@Bean
	PublicKeyCredentialUserEntityRepository passkeyUserEntities(JdbcOperations jdbc) {
		return new JdbcPublicKeyCredentialUserEntityRepository(SchemaQualifiedJdbcOperations.wrap(jdbc, "identity", "user_entities", "user_credentials"));
	}

	@Bean
	UserCredentialRepository passkeyCredentials(JdbcOperations jdbc, PublicKeyCredentialUserEntityRepository userEntities,
			UserRepository users, ApplicationEventPublisher events) {
		return new AuditedUserCredentialRepository(
				new JdbcUserCredentialRepository(SchemaQualifiedJdbcOperations.wrap(jdbc, "identity", "user_entities", "user_credentials")), userEntities, users, events);
	}

	@Bean
	Webauthn4JRelyingPartyOperations passkeyRelyingParty(PublicKeyCredentialUserEntityRepository userEntities,
			UserCredentialRepository credentials, IdentityProperties properties) {
		var passkeys = properties.passkeys();
		var relyingParty = new Webauthn4JRelyingPartyOperations(userEntities, credentials,
				PublicKeyCredentialRpEntity.builder().id(passkeys.rpId()).name(passkeys.rpName()).build(),
				passkeys.allowedOrigins());
		relyingParty.setCustomizeCreationOptions(options -> options.authenticatorSelection(AuthenticatorSelectionCriteria
			.builder()
			.userVerification(UserVerificationRequirement.REQUIRED)
			.residentKey(ResidentKeyRequirement.REQUIRED)
			.build()));
		relyingParty.setCustomizeRequestOptions(options -> options.userVerification(UserVerificationRequirement.REQUIRED));
		return relyingParty;
	}

}
