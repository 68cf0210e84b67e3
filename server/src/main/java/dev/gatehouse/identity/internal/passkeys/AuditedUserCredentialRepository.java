package dev.gatehouse.identity.internal.passkeys;

import dev.gatehouse.identity.IdentityEvents.PasskeyDeleted;
import dev.gatehouse.identity.IdentityEvents.PasskeyRegistered;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.identity.internal.UserRepository;
import dev.gatehouse.identity.internal.UserRow;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Spring's credential store with an audit line when a passkey is added or removed, whichever way it
 * happens (Spring's registration endpoint or our account page). Saving an existing passkey, as each
 * login does to move its signature counter, is not an audited change.
 */
@Transactional
class AuditedUserCredentialRepository implements UserCredentialRepository {

	private final UserCredentialRepository credentials;

	private final PublicKeyCredentialUserEntityRepository userEntities;

	private final UserRepository users;

	private final ApplicationEventPublisher events;

	AuditedUserCredentialRepository(UserCredentialRepository credentials,
			PublicKeyCredentialUserEntityRepository userEntities, UserRepository users, ApplicationEventPublisher events) {
		this.credentials = credentials;
		this.userEntities = userEntities;
		this.users = users;
		this.events = events;
	}

	@Override
	public void save(CredentialRecord record) {
		boolean added = credentials.findByCredentialId(record.getCredentialId()) == null;
		credentials.save(record);
		if (added) {
			owner(record).ifPresent(user -> events.publishEvent(
					new PasskeyRegistered(user, record.getCredentialId().toBase64UrlString(), record.getLabel())));
		}
	}

	@Override
	public void delete(Bytes credentialId) {
		CredentialRecord record = credentials.findByCredentialId(credentialId);
		if (record == null) {
			return;
		}
		credentials.delete(credentialId);
		owner(record).ifPresent(user -> events
			.publishEvent(new PasskeyDeleted(user, credentialId.toBase64UrlString(), record.getLabel())));
	}

	@Override
	@Transactional(readOnly = true)
	public @Nullable CredentialRecord findByCredentialId(Bytes credentialId) {
		return credentials.findByCredentialId(credentialId);
	}

	@Override
	@Transactional(readOnly = true)
	public List<CredentialRecord> findByUserId(Bytes userId) {
		return credentials.findByUserId(userId);
	}

	private Optional<UserId> owner(CredentialRecord record) {
		PublicKeyCredentialUserEntity entity = userEntities.findById(record.getUserEntityUserId());
		return Optional.ofNullable(entity).flatMap(e -> users.findByEmail(e.getName())).map(UserRow::id);
	}

}
