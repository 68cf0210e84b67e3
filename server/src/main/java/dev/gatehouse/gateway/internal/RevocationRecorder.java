package dev.gatehouse.gateway.internal;

import dev.gatehouse.apps.AppEvents.AppStatusChanged;
import dev.gatehouse.apps.AppSanctions.AppScopesRestricted;
import dev.gatehouse.apps.AppSanctions.AppTokensRevoked;
import dev.gatehouse.authserver.AccessTokenRevoked;
import dev.gatehouse.marketplace.InstallationEvents.AppUninstalled;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.context.event.EventListener;

/**
 * Turns the events that end tokens early into rows of the revocation set, in the transaction of
 * the change: an app leaving the active states, an uninstall, a revoked token, and enforcement
 * revoking an app's tokens or withdrawing its scopes.
 * <p>
 * An app's or installation's tokens issued before {@code notBefore} are refused. It is set a
 * little after now: the token endpoint of a node that has not yet seen the change (it caches a
 * client for {@code gatehouse.authserver.client-cache}) could still issue one, and iat has
 * one-second precision.
 */
final class RevocationRecorder {

	private final RevocationRepository repository;

	private final Clock clock;

	private final Duration issuanceLag;

	private final Duration retention;

	RevocationRecorder(RevocationRepository repository, Clock clock, Duration issuanceLag, Duration retention) {
		this.repository = repository;
		this.clock = clock;
		this.issuanceLag = issuanceLag;
		this.retention = retention;
	}

	@EventListener
	void on(AppStatusChanged changed) {
		if (changed.from().active() && !changed.to().active()) {
			revokeTokensOf("app", changed.appId().toString(), "app " + changed.to().name().toLowerCase());
		}
	}

	/** Enforcement revoked the app's tokens: the app may get new ones at once. */
	@EventListener
	void on(AppTokensRevoked revoked) {
		revokeTokensOf("app", revoked.appId().toString(), "tokens revoked");
	}

	/** Tokens issued before a scope restriction may carry the withdrawn scopes. */
	@EventListener
	void on(AppScopesRestricted restricted) {
		revokeTokensOf("app", restricted.appId().toString(), "scopes withdrawn");
	}

	@EventListener
	void on(AppUninstalled uninstalled) {
		revokeTokensOf("installation", uninstalled.installationId().toString(), "uninstalled");
	}

	@EventListener
	void on(AccessTokenRevoked revoked) {
		repository.record("token", revoked.jti(), revoked.expiresAt(), revoked.expiresAt(), revoked.reason());
	}

	void revokeTokensOf(String kind, String subject, String reason) {
		Instant notBefore = clock.instant().plus(issuanceLag).plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
		repository.record(kind, subject, notBefore, notBefore.plus(retention), reason);
	}

}
