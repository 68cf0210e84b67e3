package dev.gatehouse.apps;

import dev.gatehouse.apps.internal.AppRepository;
import dev.gatehouse.shared.audit.Audited;
import dev.gatehouse.shared.web.NotFoundException;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sanctions short of a status change: withdrawing scopes and revoking every token of an app. The
 * token endpoint and the gateway react to the events, so both take effect in the caller's
 * transaction without this module knowing about either.
 */
@Service
public class AppSanctions {

	private final AppRepository apps;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	AppSanctions(AppRepository apps, JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.apps = apps;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/** New tokens can no longer carry {@code scopes}; existing tokens of the app are cut. */
	@Transactional
	public void restrictScopes(AppId id, Set<String> scopes, String actor, String reason) {
		requireReason(reason);
		if (scopes == null || scopes.isEmpty()) {
			throw new AppRejectedException("scopes", "Name at least one scope to withdraw.");
		}
		App app = apps.lock(id).orElseThrow(() -> new NotFoundException("No such app."));
		Instant now = clock.instant();
		for (String scope : scopes) {
			jdbc.sql("""
					insert into apps.scope_restrictions (app_id, scope, restricted_at) values (:app, :scope, :now)
					on conflict do nothing""")
				.param("app", app.id().value())
				.param("scope", scope.strip())
				.param("now", Timestamp.from(now))
				.update();
		}
		apps.history(app.id(), now, actor, "scopes withdrawn: " + String.join(" ", new TreeSet<>(scopes)), null, null,
				reason);
		events.publishEvent(new AppScopesRestricted(app.id(), List.copyOf(new TreeSet<>(scopes)), reason));
	}

	/** Gives back every withdrawn scope. */
	@Transactional
	public void restoreScopes(AppId id, String actor, String reason) {
		App app = apps.lock(id).orElseThrow(() -> new NotFoundException("No such app."));
		jdbc.sql("delete from apps.scope_restrictions where app_id = :app").param("app", app.id().value()).update();
		apps.history(app.id(), clock.instant(), actor, "scopes restored", null, null, reason);
		events.publishEvent(new AppScopesRestored(app.id(), reason));
	}

	public Set<String> withdrawnScopes(AppId id) {
		return new TreeSet<>(jdbc.sql("select scope from apps.scope_restrictions where app_id = :app")
			.param("app", id.value())
			.query(String.class)
			.list());
	}

	/** Every access and refresh token of the app stops working; the app may obtain new ones. */
	@Transactional
	public void revokeTokens(AppId id, String actor, String reason) {
		requireReason(reason);
		App app = apps.lock(id).orElseThrow(() -> new NotFoundException("No such app."));
		apps.history(app.id(), clock.instant(), actor, "tokens revoked", null, null, reason);
		events.publishEvent(new AppTokensRevoked(app.id(), reason));
	}

	private static void requireReason(String reason) {
		if (reason == null || reason.isBlank()) {
			throw new AppRejectedException("reason", "Give a reason: it is recorded and shown to the developer.");
		}
	}

	public record AppScopesRestricted(AppId appId, List<String> scopes, String reason) implements Audited {
		public String action() { return "apps.scopes.restricted"; }
		public String target() { return "app:" + appId; }
		public Map<String, Object> details() { return Map.of("scopes", scopes, "reason", reason); }
	}

	public record AppScopesRestored(AppId appId, String reason) implements Audited {
		public String action() { return "apps.scopes.restored"; }
		public String target() { return "app:" + appId; }
		public Map<String, Object> details() { return Map.of("reason", reason == null ? "" : reason); }
	}

	public record AppTokensRevoked(AppId appId, String reason) implements Audited {
		public String action() { return "apps.tokens.revoked"; }
		public String target() { return "app:" + appId; }
		public Map<String, Object> details() { return Map.of("reason", reason); }
	}

}
