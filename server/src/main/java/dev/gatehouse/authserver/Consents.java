package dev.gatehouse.authserver;

import dev.gatehouse.authserver.internal.ConsentApprovals;
import dev.gatehouse.authserver.internal.ConsentScreen.AccountChoice;
import dev.gatehouse.authserver.internal.ConsentScreens;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.marketplace.CustomerAccountId;
import dev.gatehouse.marketplace.Installation;
import dev.gatehouse.shared.web.InputRejectedException;

import java.util.Set;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Consent outside a browser: records an admin's approval of exactly what the consent screen shows
 * for the client and scopes, with the same rules and the same ledger row, but without issuing a
 * code. The demo data uses it; so can an operator importing consents given elsewhere.
 */
@Service
public class Consents {

	private final ConsentScreens screens;

	private final ConsentApprovals approvals;

	private final RegisteredClientRepository clients;

	Consents(ConsentScreens screens, ConsentApprovals approvals, RegisteredClientRepository clients) {
		this.screens = screens;
		this.approvals = approvals;
		this.clients = clients;
	}

	@Transactional
	public Installation approve(String clientId, Set<String> scopes, UserId user, String email, CustomerAccountId account,
			String ip) {
		var client = clients.findByClientId(clientId);
		if (client == null || scopes.isEmpty() || !client.getScopes().containsAll(scopes)) {
			throw new InputRejectedException("scopes", "Name scopes the app's client asks for.");
		}
		var screen = screens.build(clientId, scopes, user)
			.orElseThrow(() -> new InputRejectedException("clientId", "No active app has this client."));
		AccountChoice choice = screen.accounts()
			.stream()
			.filter(AccountChoice::selectable)
			.filter(c -> c.account().id().equals(account))
			.findFirst()
			.orElseThrow(() -> new InputRejectedException("account", "The user cannot connect this app to this account."));
		return approvals.approve(screen, choice, scopes, user, email, ip);
	}

}
