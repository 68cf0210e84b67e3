package dev.gatehouse.marketplace;

import dev.gatehouse.apps.AppId;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.marketplace.InstallationEvents.AppUninstalled;
import dev.gatehouse.marketplace.InstallationEvents.InstallationGranted;
import dev.gatehouse.marketplace.internal.InstallationRepository;
import dev.gatehouse.shared.web.NotFoundException;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Installations: which apps each customer account let in, with which scopes. Only an admin of the
 * account installs (the consent is the account's), scopes only grow through a new consent, and
 * uninstalling is immediate: the {@link AppUninstalled} event revokes every token of the
 * installation in the same transaction.
 */
@Service
public class Installations {

	private final InstallationRepository installations;

	private final CustomerAccounts accounts;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Installations(InstallationRepository installations, CustomerAccounts accounts, ApplicationEventPublisher events,
			Clock clock) {
		this.installations = installations;
		this.accounts = accounts;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Installs the app in the account with these scopes, or adds them to its installation. Call it
	 * in the transaction that records the consent.
	 */
	@Transactional
	public Installation grant(CustomerAccountId account, AppId app, Set<String> scopes, UserId admin, String actor) {
		if (accounts.roleOf(account, admin).filter(role -> role == CustomerRole.ADMIN).isEmpty()) {
			throw new AccessDeniedException("Only an admin of the account can install apps");
		}
		var now = clock.instant();
		var created = new Installation(new InstallationId(UUID.randomUUID()), account, app, new TreeSet<>(scopes), true, now,
				admin, now, null, null);
		if (installations.insertIfNoneActive(created)) {
			events.publishEvent(new InstallationGranted(created.id(), account, app, List.copyOf(created.scopes()),
					List.copyOf(created.scopes()), true, actor));
			return created;
		}
		// Installed already (perhaps a moment ago by a consent running alongside): widen it, locked.
		Installation installation = installations.activeForUpdate(account, app).orElseThrow();
		var added = new TreeSet<>(scopes);
		added.removeAll(installation.scopes());
		if (added.isEmpty()) {
			return installation;
		}
		var all = new TreeSet<>(installation.scopes());
		all.addAll(added);
		installations.updateScopes(installation.id(), all, now);
		events.publishEvent(new InstallationGranted(installation.id(), account, app, List.copyOf(all), List.copyOf(added),
				false, actor));
		return installations.find(installation.id()).orElseThrow();
	}

	/** Uninstalls on behalf of an admin of the account; a second uninstall changes nothing. */
	@Transactional
	public void uninstall(InstallationId id, UserId admin, String actor) {
		Installation installation = require(id);
		if (accounts.roleOf(installation.accountId(), admin).filter(role -> role == CustomerRole.ADMIN).isEmpty()) {
			throw new AccessDeniedException("Only an admin of the account can uninstall apps");
		}
		if (installations.uninstall(id, admin, clock.instant())) {
			events.publishEvent(new AppUninstalled(id, installation.accountId(), installation.appId(), actor));
		}
	}

	public Installation require(InstallationId id) {
		return installations.find(id).orElseThrow(() -> new NotFoundException("No such installation."));
	}

	public Optional<Installation> find(InstallationId id) {
		return installations.find(id);
	}

	public Optional<Installation> active(CustomerAccountId account, AppId app) {
		return installations.active(account, app);
	}

	public List<Installation> ofAccount(CustomerAccountId account) {
		return installations.ofAccount(account);
	}

	public List<Installation> activeOfApp(AppId app) {
		return installations.activeOfApp(app);
	}

}
