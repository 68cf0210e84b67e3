package dev.gatehouse.enforcement.internal;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppId;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.apps.AppSanctions;
import dev.gatehouse.apps.AppStatus;
import dev.gatehouse.apps.RequestedScope;
import dev.gatehouse.apps.Scope;
import dev.gatehouse.apps.ScopeCatalogue;
import dev.gatehouse.apps.ScopeTier;
import dev.gatehouse.developers.OrganizationId;
import dev.gatehouse.developers.OrganizationSuspensions;
import dev.gatehouse.enforcement.EnforcementAction;
import dev.gatehouse.enforcement.Violation;
import dev.gatehouse.policy.pack.PenaltyAction;
import dev.gatehouse.shared.web.InputRejectedException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.stereotype.Component;

/**
 * Carries out an action through the modules that own the state: the app registry (status, scopes,
 * tokens) and the developer organizations. Their events reach the token endpoint, the gateway's
 * revocation set and the marketplace in the same transaction, so an action is in force everywhere
 * once it commits.
 */
@Component
public class ActionExecutor {

	private final AppRegistry registry;

	private final AppSanctions sanctions;

	private final ScopeCatalogue catalogue;

	private final OrganizationSuspensions suspensions;

	ActionExecutor(AppRegistry registry, AppSanctions sanctions, ScopeCatalogue catalogue,
			OrganizationSuspensions suspensions) {
		this.registry = registry;
		this.sanctions = sanctions;
		this.catalogue = catalogue;
		this.suspensions = suspensions;
	}

	/** The apps an action on the violation reaches: its app, or every app of its organization. */
	public List<App> targets(Violation violation) {
		if (violation.isApp()) {
			return registry.find(AppId.of(violation.subjectId())).stream().toList();
		}
		return registry.ofOrganization(new OrganizationId(violation.organizationId()));
	}

	/**
	 * The scopes a restriction withdraws when the operator names none: the sensitive and restricted
	 * ones the apps hold, or all of them when they hold only basic ones.
	 */
	public Set<String> defaultScopes(Violation violation) {
		Map<String, Scope> known = catalogue.byName();
		Set<String> held = new TreeSet<>();
		for (App app : targets(violation)) {
			registry.liveRevision(app)
				.ifPresent(revision -> revision.content().scopes().stream().map(RequestedScope::scope).forEach(held::add));
		}
		Set<String> sensitive = new TreeSet<>(held);
		sensitive.removeIf(s -> !known.containsKey(s) || known.get(s).tier() == ScopeTier.BASIC);
		return sensitive.isEmpty() ? held : sensitive;
	}

	/**
	 * Applies the action.
	 * @return the apps it moved, each with its status before
	 */
	public Map<String, String> apply(Violation violation, PenaltyAction action, Set<String> scopes, String actor,
			String reason) {
		Map<String, String> affected = new LinkedHashMap<>();
		List<App> apps = targets(violation);
		switch (action) {
			case WARNING -> {
			}
			case SCOPE_RESTRICTION -> {
				if (scopes.isEmpty()) {
					throw new InputRejectedException("scopes", "Name the scopes to withdraw.");
				}
				requireSome(apps, "There is no app to restrict.");
				apps.forEach(app -> {
					sanctions.restrictScopes(app.id(), scopes, actor, reason);
					affected.put(app.id().toString(), app.status().name());
				});
			}
			case TOKEN_REVOCATION -> {
				requireSome(apps, "There is no app whose tokens to revoke.");
				apps.forEach(app -> {
					sanctions.revokeTokens(app.id(), actor, reason);
					affected.put(app.id().toString(), app.status().name());
				});
			}
			case APP_SUSPENSION -> moveActive(apps, AppStatus.SUSPENDED, actor, reason, affected,
					"No app of this violation is approved or published: there is nothing to suspend.");
			case APP_BLOCK -> {
				for (App app : apps) {
					if (app.status().canMoveTo(AppStatus.BLOCKED)) {
						registry.changeStatus(app.id(), AppStatus.BLOCKED, actor, reason);
						affected.put(app.id().toString(), app.status().name());
					}
				}
				requireMoved(affected, "No app of this violation can be blocked.");
			}
			case DELISTING -> {
				for (App app : apps) {
					if (app.status() == AppStatus.PUBLISHED) {
						registry.unpublish(app.id(), actor, reason);
						affected.put(app.id().toString(), app.status().name());
					}
				}
				requireMoved(affected, "No app of this violation is listed in the marketplace.");
			}
			case DEVELOPER_SUSPENSION -> {
				suspensions.suspend(new OrganizationId(violation.organizationId()), actor, reason);
				// Every app of the organization, in the same transaction: one step, no app left running.
				for (App app : registry.ofOrganization(new OrganizationId(violation.organizationId()))) {
					if (app.status().active()) {
						registry.changeStatus(app.id(), AppStatus.SUSPENDED, actor, reason);
						affected.put(app.id().toString(), app.status().name());
					}
					else if (sandboxOnly(app)) {
						// Its sandbox tokens are not tied to a status change: revoked so the gateway refuses
						// them at once. The token endpoint issues none while the organization is suspended.
						sanctions.revokeTokens(app.id(), actor, reason);
					}
				}
			}
		}
		return affected;
	}

	/** Undoes the action: what it moved goes back where it was, if nothing else moved it since. */
	public void lift(Violation violation, EnforcementAction taken, String actor, String reason) {
		switch (taken.action()) {
			case WARNING, TOKEN_REVOCATION -> {
				// Nothing stays in force: a warning is a notice, revoked tokens are replaced by new ones.
			}
			case SCOPE_RESTRICTION -> taken.affected().keySet().forEach(id -> sanctions.restoreScopes(AppId.of(id), actor, reason));
			case APP_SUSPENSION, APP_BLOCK -> restore(taken.affected(), actor, reason);
			case DELISTING -> taken.affected().keySet().forEach(id -> {
				if (registry.require(AppId.of(id)).status() == AppStatus.APPROVED) {
					registry.publish(AppId.of(id), actor);
				}
			});
			case DEVELOPER_SUSPENSION -> {
				suspensions.reinstate(new OrganizationId(violation.organizationId()), actor, reason);
				restore(taken.affected(), actor, reason);
			}
		}
	}

	/** Not approved yet, so only its sandbox client works (see the token endpoint's client lookup). */
	private static boolean sandboxOnly(App app) {
		return app.liveRevisionId() == null && app.status() != AppStatus.BLOCKED && app.status() != AppStatus.RETIRED;
	}

	private void restore(Map<String, String> affected, String actor, String reason) {
		affected.forEach((id, before) -> {
			AppId appId = AppId.of(id);
			AppStatus now = registry.require(appId).status();
			if (now == AppStatus.SUSPENDED || now == AppStatus.BLOCKED) {
				registry.changeStatus(appId, AppStatus.APPROVED, actor, reason);
				if (AppStatus.valueOf(before) == AppStatus.PUBLISHED) {
					registry.publish(appId, actor);
				}
			}
		});
	}

	private void moveActive(List<App> apps, AppStatus to, String actor, String reason, Map<String, String> affected,
			String none) {
		for (App app : apps) {
			if (app.status().active()) {
				registry.changeStatus(app.id(), to, actor, reason);
				affected.put(app.id().toString(), app.status().name());
			}
		}
		requireMoved(affected, none);
	}

	private static void requireSome(List<App> apps, String message) {
		if (apps.isEmpty()) {
			throw new InputRejectedException("action", message);
		}
	}

	private static void requireMoved(Map<String, String> affected, String message) {
		if (affected.isEmpty()) {
			throw new InputRejectedException("action", message);
		}
	}

}
