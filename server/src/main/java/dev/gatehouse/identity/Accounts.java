package dev.gatehouse.identity;

import dev.gatehouse.identity.IdentityEvents.PasswordChanged;
import dev.gatehouse.identity.IdentityEvents.RecoveryCodeUsed;
import dev.gatehouse.identity.IdentityEvents.SecondFactorEnrolled;
import dev.gatehouse.identity.IdentityEvents.UserCreated;
import dev.gatehouse.identity.IdentityEvents.UserDisabled;
import dev.gatehouse.identity.IdentityEvents.UserEnabled;
import dev.gatehouse.identity.internal.LoginEventLog;
import dev.gatehouse.identity.internal.PasswordRules;
import dev.gatehouse.identity.internal.RecoveryCodes;
import dev.gatehouse.identity.internal.SessionTerminator;
import dev.gatehouse.identity.internal.TotpCodes;
import dev.gatehouse.identity.internal.UserRepository;
import dev.gatehouse.identity.internal.UserRow;
import dev.gatehouse.shared.crypto.SecretBox;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.util.Utils;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The identity module's facade: user accounts, passwords and the second factor. */
@Service
public class Accounts {

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s.]{2,}$");

	private final UserRepository users;

	private final PasswordEncoder passwordEncoder;

	private final TotpCodes totp;

	private final RecoveryCodes recoveryCodes;

	private final SecretBox secretBox;

	private final SessionTerminator sessions;

	private final LoginEventLog loginEvents;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final String totpIssuer;

	Accounts(UserRepository users, PasswordEncoder passwordEncoder, TotpCodes totp, RecoveryCodes recoveryCodes,
			SecretBox secretBox, SessionTerminator sessions, LoginEventLog loginEvents,
			ApplicationEventPublisher events, Clock clock, IdentityProperties properties) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.totp = totp;
		this.recoveryCodes = recoveryCodes;
		this.secretBox = secretBox;
		this.sessions = sessions;
		this.loginEvents = loginEvents;
		this.events = events;
		this.clock = clock;
		this.totpIssuer = properties.totpIssuer();
	}

	@Transactional
	public UserAccount create(NewUserCommand command) {
		String email = command.email() == null ? "" : command.email().trim();
		if (!EMAIL.matcher(email).matches()) {
			throw new IdentityException("email", "Enter a valid email address.");
		}
		if (command.displayName() == null || command.displayName().isBlank() || command.displayName().length() > 200) {
			throw new IdentityException("displayName", "Enter a name of at most 200 characters.");
		}
		if (command.roles().isEmpty() || !command.kind().allowedRoles().containsAll(command.roles())) {
			throw new IdentityException("roles", "Choose roles that fit a " + command.kind().name().toLowerCase() + ".");
		}
		PasswordRules.check("password", command.password(), email);
		if (users.existsByEmail(email)) {
			throw new IdentityException("email", "An account with this email address already exists.");
		}
		var row = new UserRow(UserId.random(), email, command.displayName().trim(), command.kind(), command.roles(),
				passwordEncoder.encode(command.password()), true, command.mustChangePassword(), null, null, null,
				command.emailVerified() ? clock.instant() : null, clock.instant());
		users.insert(row, clock.instant());
		String roles = command.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
		events.publishEvent(new UserCreated(row.id(), email, command.kind(), roles));
		return users.findById(row.id()).orElseThrow().toAccount();
	}

	public Optional<UserAccount> find(UserId id) {
		return users.findById(id).map(UserRow::toAccount);
	}

	public Optional<UserAccount> findByEmail(String email) {
		return users.findByEmail(email).map(UserRow::toAccount);
	}

	public List<UserAccount> search(String text, UserKind kind, int limit, int offset) {
		return users.search(text, kind, Math.clamp(limit, 1, 200), Math.max(offset, 0))
			.stream()
			.map(UserRow::toAccount)
			.toList();
	}

	/** The owner of the address proved it (a link we mailed was opened). */
	@Transactional
	public void markEmailVerified(UserId id) {
		UserRow user = require(id);
		if (users.markEmailVerified(id, clock.instant())) {
			events.publishEvent(new IdentityEvents.EmailVerified(id, user.email()));
		}
	}

	public boolean anyAdmin() {
		return users.anyWithRole(Role.ADMIN);
	}

	/** Disables the account and ends all its sessions at once, on every node. */
	@Transactional
	public void disable(UserId id) {
		UserRow user = require(id);
		users.setEnabled(id, false, clock.instant());
		int ended = sessions.endAll(user.email());
		events.publishEvent(new UserDisabled(id, user.email(), ended));
	}

	@Transactional
	public void enable(UserId id) {
		UserRow user = require(id);
		users.setEnabled(id, true, clock.instant());
		events.publishEvent(new UserEnabled(id, user.email()));
	}

	/** The current password is asked again so a hijacked session cannot lock the owner out. */
	@Transactional
	public void changePassword(UserId id, String currentPassword, String newPassword, String ip, String userAgent) {
		UserRow user = require(id);
		if (currentPassword == null || !passwordEncoder.matches(currentPassword, user.passwordHash())) {
			throw new IdentityException("currentPassword", "The current password is not right.");
		}
		if (currentPassword.equals(newPassword)) {
			throw new IdentityException("newPassword", "Choose a password different from the current one.");
		}
		PasswordRules.check("newPassword", newPassword, user.email());
		users.updatePassword(id, passwordEncoder.encode(newPassword), clock.instant());
		loginEvents.record(id, user.email(), LoginEventType.PASSWORD_CHANGED, null, ip, userAgent);
		events.publishEvent(new PasswordChanged(id, user.email()));
	}

	/** Starts (or restarts) TOTP enrolment; the factor is active only once a code is confirmed. */
	@Transactional
	public TotpEnrollment startTotpEnrollment(UserId id) {
		UserRow user = require(id);
		String secret = totp.newSecret();
		users.storePendingTotpSecret(id, secretBox.seal(secret, totpContext(id)), clock.instant());
		return enrollment(user.email(), secret);
	}

	/** The enrolment started and not yet confirmed, so a reloaded page shows the same secret. */
	public Optional<TotpEnrollment> pendingTotpEnrollment(UserId id) {
		return users.findById(id)
			.filter(user -> user.totpSecret() != null && !user.secondFactorEnrolled())
			.map(user -> enrollment(user.email(), secretBox.open(user.totpSecret(), totpContext(id))));
	}

	private TotpEnrollment enrollment(String email, String secret) {
		QrData data = new QrData.Builder().label(email)
			.secret(secret)
			.issuer(totpIssuer)
			.algorithm(HashingAlgorithm.SHA1)
			.digits(6)
			.period(30)
			.build();
		try {
			var generator = new ZxingPngQrGenerator();
			String qr = Utils.getDataUriForImage(generator.generate(data), generator.getImageMimeType());
			return new TotpEnrollment(secret, data.getUri(), qr);
		}
		catch (QrGenerationException ex) {
			return new TotpEnrollment(secret, data.getUri(), null);
		}
	}

	/** Confirms enrolment with a first code; returns the recovery codes, shown to the user once. */
	@Transactional
	public List<String> confirmTotpEnrollment(UserId id, String code, String ip, String userAgent) {
		UserRow user = require(id);
		if (user.totpSecret() == null) {
			throw new IdentityException("code", "Start the enrolment again: no pending secret.");
		}
		OptionalLong step = totp.match(secretBox.open(user.totpSecret(), totpContext(id)), code);
		if (step.isEmpty()) {
			throw new IdentityException("code", "That code does not match. Check the time on your device and try again.");
		}
		users.enableTotp(id, step.getAsLong(), clock.instant());
		loginEvents.record(id, user.email(), LoginEventType.SECOND_FACTOR_ENROLLED, null, ip, userAgent);
		events.publishEvent(new SecondFactorEnrolled(id, user.email()));
		return recoveryCodes.regenerate(id);
	}

	@Transactional
	public List<String> regenerateRecoveryCodes(UserId id) {
		require(id);
		return recoveryCodes.regenerate(id);
	}

	public int remainingRecoveryCodes(UserId id) {
		return recoveryCodes.remaining(id);
	}

	/**
	 * Checks a second-factor answer: a TOTP code (each time step accepted once) or a recovery code
	 * (each accepted once).
	 */
	@Transactional
	public SecondFactorResult verifySecondFactor(UserId id, String answer) {
		UserRow user = require(id);
		if (!user.secondFactorEnrolled() || answer == null) {
			return SecondFactorResult.REJECTED;
		}
		String trimmed = answer.replaceAll("\\s", "");
		if (trimmed.matches("\\d{6}")) {
			OptionalLong step = totp.match(secretBox.open(user.totpSecret(), totpContext(id)), trimmed);
			return step.isPresent() && users.claimTotpStep(id, step.getAsLong()) ? SecondFactorResult.TOTP_ACCEPTED
					: SecondFactorResult.REJECTED;
		}
		if (recoveryCodes.consume(id, trimmed)) {
			events.publishEvent(new RecoveryCodeUsed(id, user.email(), recoveryCodes.remaining(id)));
			return SecondFactorResult.RECOVERY_CODE_ACCEPTED;
		}
		return SecondFactorResult.REJECTED;
	}

	private UserRow require(UserId id) {
		return users.findById(id).orElseThrow(() -> new IdentityException(null, "No such user."));
	}

	private static String totpContext(UserId id) {
		return "identity.totp:" + id;
	}

}
