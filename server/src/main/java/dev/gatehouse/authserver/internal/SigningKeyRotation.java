package dev.gatehouse.authserver.internal;

import dev.gatehouse.authserver.AuthServerProperties;
import dev.gatehouse.authserver.SigningKeyEvents.SigningKeyPublished;
import dev.gatehouse.authserver.SigningKeyEvents.SigningKeyRetired;
import dev.gatehouse.authserver.internal.SigningKeys.Row;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rotates the signing keys on a schedule: publish the next key {@code publish-ahead} before it
 * signs, let it take over once the current key has signed for {@code rotate-every}, and retire a
 * replaced key {@code retire-after} its replacement started signing. Every node runs the check; a
 * PostgreSQL advisory lock lets one of them act.
 */
public class SigningKeyRotation {

	private static final Logger log = LoggerFactory.getLogger(SigningKeyRotation.class);

	private final JdbcClient jdbc;

	private final SigningKeys keys;

	private final AuthServerProperties.Keys settings;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SigningKeyRotation(JdbcClient jdbc, SigningKeys keys, AuthServerProperties.Keys settings,
			ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.keys = keys;
		this.settings = settings;
		this.events = events;
		this.clock = clock;
	}

	/** One scheduled check; returns what changed (nothing when another node holds the lock). */
	@Scheduled(cron = "${gatehouse.authserver.keys.rotation-cron:0 5 * * * *}")
	@Transactional
	public Outcome rotate() {
		if (!lock()) {
			return new Outcome(0, 0);
		}
		Instant now = clock.instant();
		int published = 0;
		List<Row> rows = keys.rows();
		if (rows.stream().noneMatch(row -> active(row, now))) {
			publish(now, "no active key");
			published++;
			rows = keys.rows();
		}
		Row signer = rows.stream().filter(row -> active(row, now)).findFirst().orElseThrow();
		boolean pending = rows.stream().anyMatch(row -> !active(row, now));
		if (!pending && !signer.activatesAt().plus(settings.rotateEvery()).minus(settings.publishAhead()).isAfter(now)) {
			publish(now.plus(settings.publishAhead()), "scheduled rotation");
			published++;
		}
		int retired = 0;
		for (int i = 1; i < rows.size(); i++) {
			Row row = rows.get(i);
			Row newer = rows.get(i - 1);
			if (active(row, now) && row != signer && active(newer, now)
					&& !newer.activatesAt().plus(settings.retireAfter()).isAfter(now)) {
				retire(row.kid(), now);
				retired++;
			}
		}
		if (published + retired > 0) {
			keys.forget();
			log.info("Signing keys: {} published, {} retired", published, retired);
		}
		return new Outcome(published, retired);
	}

	/**
	 * Emergency rotation (a key may have leaked): a new key signs at once and every other key is
	 * retired, so tokens signed before stop verifying. Resource servers that cache the JWKS see the
	 * new key only when they refresh it.
	 */
	@Transactional
	public String rotateNow() {
		lockWaiting();
		Instant now = clock.instant();
		String kid = publish(now, "emergency rotation");
		for (Row row : keys.rows()) {
			if (!row.kid().equals(kid)) {
				retire(row.kid(), now);
			}
		}
		keys.forget();
		return kid;
	}

	private String publish(Instant activatesAt, String reason) {
		String kid = keys.generate(activatesAt).getKeyID();
		events.publishEvent(new SigningKeyPublished(kid, activatesAt, reason));
		return kid;
	}

	private void retire(String kid, Instant now) {
		jdbc.sql("update authserver.signing_keys set retired_at = :now where kid = :kid and retired_at is null")
			.param("now", Timestamp.from(now))
			.param("kid", kid)
			.update();
		events.publishEvent(new SigningKeyRetired(kid));
	}

	private static boolean active(Row row, Instant now) {
		return !row.activatesAt().isAfter(now);
	}

	private boolean lock() {
		return Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(hashtext('authserver.signing_keys'))")
			.query(Boolean.class)
			.single());
	}

	private void lockWaiting() {
		jdbc.sql("select pg_advisory_xact_lock(hashtext('authserver.signing_keys'))").query((rs, n) -> 1).list();
	}

	/** How many keys one check published and retired. */
	public record Outcome(int published, int retired) {
	}

}
