package dev.gatehouse.authserver.internal;

import dev.gatehouse.authserver.ConsentLedger;
import dev.gatehouse.authserver.ConsentRecord;
import dev.gatehouse.authserver.internal.ConsentScreen.AccountChoice;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.marketplace.Installation;
import dev.gatehouse.marketplace.Installations;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an approval on the consent screen does, in the caller's transaction: an admin installs the
 * app in the chosen account or widens its installation; a member may only connect within what an
 * admin granted; either way the ledger gets a row with the text shown.
 */
@Component
public class ConsentApprovals {

	private final Installations installations;

	private final ConsentLedger ledger;

	private final Clock clock;

	ConsentApprovals(Installations installations, ConsentLedger ledger, Clock clock) {
		this.installations = installations;
		this.ledger = ledger;
		this.clock = clock;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public Installation approve(ConsentScreen screen, AccountChoice choice, Set<String> scopes, UserId user, String email,
			String ip) {
		var account = choice.account().id();
		var app = screen.app().id();
		Installation installation = choice.canGrant() ? installations.grant(account, app, scopes, user, email)
				: installations.active(account, app)
					.filter(i -> i.covers(scopes))
					.orElseThrow(() -> new AccessDeniedException("Only an admin of the account can grant these scopes"));
		List<String> added = choice.canGrant() ? List.copyOf(choice.newScopes()) : List.of();
		ledger.record(new ConsentRecord(UUID.randomUUID(), installation.id().value(), account.value(), app.value(),
				screen.clientId(), user.value(), email, List.copyOf(new java.util.TreeSet<>(scopes)), added, screen.textHash(),
				screen.text(), screen.policyVersion(), screen.listing().privacyPolicyUrl(), ip, clock.instant()));
		return installation;
	}

}
