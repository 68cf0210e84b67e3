package dev.gatehouse.identity.internal;

import dev.gatehouse.identity.IdentityEvents.LoginLockedOut;
import dev.gatehouse.identity.IdentityProperties;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts failed logins per account name and per client address in PostgreSQL, so every node sees
 * the same counters. Unknown account names are counted like real ones: the lockout must not tell
 * an attacker which accounts exist.
 */
@Component
public class LoginThrottle {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ThrottlePolicy policy;

	private final IdentityProperties.Login rules;

	private final ApplicationEventPublisher events;

	LoginThrottle(JdbcClient jdbc, Clock clock, IdentityProperties properties, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.rules = properties.login();
		this.policy = new ThrottlePolicy(rules);
		this.events = events;
	}

	public static String accountKey(String username) {
		return "account:" + (username == null ? "" : username.trim().toLowerCase(Locale.ROOT));
	}

	public static String addressKey(String ip) {
		return "address:" + ip;
	}

	/** The later of the two keys' block times, or {@code null} when the attempt may proceed. */
	public Instant blockedUntil(String username, String ip) {
		Instant now = clock.instant();
		Instant account = policy.blockedUntil(load(accountKey(username)), now);
		Instant address = policy.blockedUntil(load(addressKey(ip)), now);
		if (account == null) {
			return address;
		}
		return address == null || account.isAfter(address) ? account : address;
	}

	/** Records a failure; returns true when it locked the account or the address. */
	@Transactional
	public boolean recordFailure(String username, String ip) {
		boolean accountLocked = fail(accountKey(username), rules.accountLockoutAfter());
		boolean addressLocked = fail(addressKey(ip), rules.addressLockoutAfter());
		return accountLocked || addressLocked;
	}

	@Transactional
	public void recordSuccess(String username) {
		jdbc.sql("delete from identity.login_throttle where key = :key").param("key", accountKey(username)).update();
	}

	private boolean fail(String key, int lockoutAfter) {
		Instant now = clock.instant();
		ThrottleState before = lockForUpdate(key);
		ThrottleState after = policy.afterFailure(before, now, lockoutAfter);
		jdbc.sql("""
				insert into identity.login_throttle (key, failures, last_failure_at, locked_until)
				values (:key, :failures, :last, :locked)
				on conflict (key) do update set failures = excluded.failures,
				  last_failure_at = excluded.last_failure_at, locked_until = excluded.locked_until""")
			.param("key", key)
			.param("failures", after.failures())
			.param("last", Timestamp.from(after.lastFailureAt()))
			.param("locked", after.lockedUntil() == null ? null : Timestamp.from(after.lockedUntil()))
			.update();
		boolean newlyLocked = after.lockedUntil() != null && (before.lockedUntil() == null
				|| !before.lockedUntil().isAfter(now));
		if (newlyLocked) {
			events.publishEvent(new LoginLockedOut(key, after.lockedUntil().toString()));
		}
		return newlyLocked;
	}

	private ThrottleState lockForUpdate(String key) {
		jdbc.sql("insert into identity.login_throttle (key, failures, last_failure_at) values (:key, 0, :now) "
				+ "on conflict do nothing")
			.param("key", key)
			.param("now", Timestamp.from(clock.instant()))
			.update();
		return jdbc.sql("select key, failures, last_failure_at, locked_until from identity.login_throttle "
				+ "where key = :key for update")
			.param("key", key)
			.query((rs, n) -> state(rs.getString(1), rs.getInt(2), rs.getTimestamp(3), rs.getTimestamp(4)))
			.single();
	}

	private ThrottleState load(String key) {
		return jdbc.sql("select key, failures, last_failure_at, locked_until from identity.login_throttle where key = :key")
			.param("key", key)
			.query((rs, n) -> state(rs.getString(1), rs.getInt(2), rs.getTimestamp(3), rs.getTimestamp(4)))
			.optional()
			.orElse(ThrottleState.none(key));
	}

	private static ThrottleState state(String key, int failures, Timestamp last, Timestamp locked) {
		return new ThrottleState(key, failures, UserRepository.instant(last), UserRepository.instant(locked));
	}

}
