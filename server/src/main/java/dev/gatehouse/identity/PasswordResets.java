package dev.gatehouse.identity;

import dev.gatehouse.identity.internal.LoginThrottle;
import dev.gatehouse.identity.internal.PasswordRules;
import dev.gatehouse.identity.internal.SessionTerminator;
import dev.gatehouse.identity.internal.UserRepository;
import dev.gatehouse.identity.internal.UserRow;
import dev.gatehouse.notifications.EmailMessage;
import dev.gatehouse.notifications.Notifications;
import dev.gatehouse.shared.audit.Audited;
import dev.gatehouse.shared.crypto.RandomTokens;
import dev.gatehouse.shared.crypto.SecretDigester;
import dev.gatehouse.shared.web.WebProperties;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Forgot password": a single-use link valid for one hour. The request answers the same whether or
 * not the address has an account; a completed reset ends every session of the account. The second
 * factor is still asked at the next login.
 */
@Service
public class PasswordResets {

	static final Duration TTL = Duration.ofHours(1);

	private final UserRepository users;

	private final JdbcClient jdbc;

	private final SecretDigester digester;

	private final PasswordEncoder passwords;

	private final SessionTerminator sessions;

	private final LoginThrottle throttle;

	private final Notifications notifications;

	private final WebProperties web;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	PasswordResets(UserRepository users, JdbcClient jdbc, SecretDigester digester, PasswordEncoder passwords,
			SessionTerminator sessions, LoginThrottle throttle, Notifications notifications, WebProperties web,
			ApplicationEventPublisher events, Clock clock) {
		this.users = users;
		this.jdbc = jdbc;
		this.digester = digester;
		this.passwords = passwords;
		this.sessions = sessions;
		this.throttle = throttle;
		this.notifications = notifications;
		this.web = web;
		this.events = events;
		this.clock = clock;
	}

	/** Mails a reset link if the address belongs to an enabled account; silent otherwise. */
	@Transactional
	public void request(String email) {
		Optional<UserRow> user = users.findByEmail(email == null ? "" : email.strip()).filter(UserRow::enabled);
		if (user.isEmpty()) {
			return;
		}
		String token = RandomTokens.urlSafe(32);
		Instant now = clock.instant();
		jdbc.sql("insert into identity.password_resets (token_hash, user_id, created_at, expires_at) "
				+ "values (:hash, :user, :now, :expires)")
			.param("hash", digester.digest(token))
			.param("user", user.get().id().value())
			.param("now", Timestamp.from(now))
			.param("expires", Timestamp.from(now.plus(TTL)))
			.update();
		String link = web.link("/password-reset?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
		notifications.email(EmailMessage.of(user.get().email(), "identity.password-reset", "Reset your password", """
				Hello %s,

				Someone asked to reset the password of your account. If it was you, open this link within an hour:

				%s

				If it was not you, ignore this email: your password stays as it is.
				""".formatted(user.get().displayName(), link)).withRecipient(user.get().id().value()));
		events.publishEvent(new PasswordResetRequested(user.get().id()));
	}

	/** Whether the token is unused and unexpired, without using it (for showing the form). */
	public boolean valid(String token) {
		return find(token).isPresent();
	}

	/** Sets the new password, uses up the token and ends every session of the account. */
	@Transactional
	public void reset(String token, String newPassword) {
		UUID userId = find(token).orElseThrow(() -> new IdentityException("token",
				"This link is unknown, already used or older than an hour. Ask for a new one."));
		UserRow user = users.findById(new UserId(userId)).orElseThrow();
		PasswordRules.check("newPassword", newPassword, user.email());
		jdbc.sql("update identity.password_resets set used_at = :now where token_hash = :hash")
			.param("now", Timestamp.from(clock.instant()))
			.param("hash", digester.digest(token))
			.update();
		users.updatePassword(user.id(), passwords.encode(newPassword), clock.instant());
		sessions.endAll(user.email());
		throttle.recordSuccess(user.email());
		events.publishEvent(new IdentityEvents.PasswordChanged(user.id(), user.email()));
	}

	private Optional<UUID> find(String token) {
		if (token == null || token.isBlank() || token.length() > 100) {
			return Optional.empty();
		}
		return jdbc.sql("select user_id from identity.password_resets where token_hash = :hash and used_at is null "
				+ "and expires_at > :now")
			.param("hash", digester.digest(token))
			.param("now", Timestamp.from(clock.instant()))
			.query(UUID.class)
			.optional();
	}

	public record PasswordResetRequested(UserId userId) implements Audited {
		public String action() { return "identity.password_reset.requested"; }
		public String target() { return "user:" + userId; }
		public String actor() { return "anonymous"; }
		public Map<String, Object> details() { return Map.of(); }
	}

}
