package dev.gatehouse.identity.internal.passkeys;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Service;

/**
 * A user's own passkeys, for the account page. Adding one goes through Spring Security's WebAuthn
 * endpoints; Spring's user entities are found by the login name, which is the email address.
 */
@Service
public class Passkeys {

	private final PublicKeyCredentialUserEntityRepository userEntities;

	private final UserCredentialRepository credentials;

	Passkeys(PublicKeyCredentialUserEntityRepository userEntities, UserCredentialRepository credentials) {
		this.userEntities = userEntities;
		this.credentials = credentials;
	}

	/** Newest first. */
	public List<Passkey> list(String email) {
		PublicKeyCredentialUserEntity entity = userEntities.findByUsername(email);
		if (entity == null) {
			return List.of();
		}
		return credentials.findByUserId(entity.getId())
			.stream()
			.map(Passkeys::toPasskey)
			.sorted(Comparator.comparing(Passkey::created, Comparator.nullsLast(Comparator.reverseOrder())))
			.toList();
	}

	/** Deletes the passkey if it is this user's; answers whether one was deleted. */
	public boolean delete(String email, String credentialId) {
		PublicKeyCredentialUserEntity entity = userEntities.findByUsername(email);
		Bytes id;
		try {
			id = Bytes.fromBase64(credentialId);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		CredentialRecord record = credentials.findByCredentialId(id);
		if (entity == null || record == null || !entity.getId().equals(record.getUserEntityUserId())) {
			return false;
		}
		credentials.delete(id);
		return true;
	}

	private static Passkey toPasskey(CredentialRecord record) {
		return new Passkey(record.getCredentialId().toBase64UrlString(), record.getLabel(), record.getCreated(),
				record.getLastUsed());
	}

	/** What the account page shows of a passkey: never the key itself. */
	public record Passkey(String id, String label, Instant created, Instant lastUsed) {
	}

}
