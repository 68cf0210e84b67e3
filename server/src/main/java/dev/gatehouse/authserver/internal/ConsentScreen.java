package dev.gatehouse.authserver.internal;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.DataUse;
import dev.gatehouse.apps.Listing;
import dev.gatehouse.apps.Scope;
import dev.gatehouse.apps.ScopeTier;
import dev.gatehouse.apps.SubProcessor;
import dev.gatehouse.developers.Organization;
import dev.gatehouse.marketplace.CustomerAccount;

import java.util.List;
import java.util.Set;

/**
 * Everything Gatehouse's consent page shows for one authorization request, built from the app
 * registry and never from anything the app sends but its client id and scopes. {@link #text()} is
 * the canonical plain-text form of the same facts; its SHA-256 ({@link #textHash()}) goes into the
 * form and into the consent ledger, so the ledger proves what the customer saw.
 */
public record ConsentScreen(String clientId, boolean sandbox, App app, Listing listing, String logoUrl,
		Organization developer, List<TierGroup> tiers, DataUse dataUse, List<SubProcessor> subProcessors,
		List<AccountChoice> accounts, String policyVersion, String text, String textHash) {

	/** The scopes asked for, in one tier. */
	public record TierGroup(ScopeTier tier, String heading, List<Permission> permissions) {
	}

	/** A scope in plain words, with the developer's reason for it. */
	public record Permission(Scope scope, String justification) {
	}

	/**
	 * An account the user may choose. {@code installed}: the app is already in it; {@code newScopes}:
	 * what this consent would add to it; {@code canGrant}: the user is an admin there (a member may
	 * only use what an admin already granted).
	 */
	public record AccountChoice(CustomerAccount account, boolean installed, Set<String> newScopes, boolean canGrant) {

		public boolean selectable() {
			return canGrant || (installed && newScopes.isEmpty());
		}

	}

	public boolean anySelectable() {
		return accounts.stream().anyMatch(AccountChoice::selectable);
	}

}
