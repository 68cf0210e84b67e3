package dev.gatehouse.authserver.web;

import dev.gatehouse.accesslog.AccessLog;
import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.apps.RequestedScope;
import dev.gatehouse.authserver.ConsentLedger;
import dev.gatehouse.authserver.ConsentRecord;
import dev.gatehouse.authserver.internal.InstallationAuthorizations;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.marketplace.CustomerAccount;
import dev.gatehouse.marketplace.CustomerAccountId;
import dev.gatehouse.marketplace.CustomerAccounts;
import dev.gatehouse.marketplace.CustomerRole;
import dev.gatehouse.marketplace.Installation;
import dev.gatehouse.marketplace.InstallationId;
import dev.gatehouse.marketplace.Installations;
import dev.gatehouse.shared.security.UserPrincipal;
import dev.gatehouse.shared.web.NotFoundException;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A customer account's apps: what is installed with which scopes, when a token was last issued,
 * what a newer revision asks for on top, the consent history from the ledger, and uninstall
 * (admins only), which revokes every token of the installation at once. It lives here, not in the
 * marketplace, because it joins installations with the consent ledger and the grants.
 */
@Controller
class CustomerAppsController {

	private final CustomerAccounts accounts;

	private final Installations installations;

	private final AppRegistry registry;

	private final ConsentLedger ledger;

	private final InstallationAuthorizations grants;

	private final AccessLog accessLog;

	CustomerAppsController(CustomerAccounts accounts, Installations installations, AppRegistry registry,
			ConsentLedger ledger, InstallationAuthorizations grants, AccessLog accessLog) {
		this.accounts = accounts;
		this.installations = installations;
		this.registry = registry;
		this.ledger = ledger;
		this.grants = grants;
		this.accessLog = accessLog;
	}

	@GetMapping("/customer-accounts/{id}/apps")
	String apps(@PathVariable UUID id, @AuthenticationPrincipal UserPrincipal user, Model model) {
		var accountId = new CustomerAccountId(id);
		CustomerRole role = roleOf(accountId, user);
		CustomerAccount account = accounts.require(accountId);
		List<Installation> all = installations.ofAccount(accountId);
		Map<UUID, Instant> lastCalls = accessLog.lastCalls(
				all.stream().filter(Installation::active).map(i -> i.id().value()).toList());
		List<InstalledApp> rows = all.stream().map(i -> row(i, lastCalls.get(i.id().value()))).toList();
		List<ConsentRecord> history = ledger.ofAccount(id, 100);
		model.addAttribute("account", account);
		model.addAttribute("admin", role == CustomerRole.ADMIN);
		model.addAttribute("installed", rows.stream().filter(r -> r.installation().active()).toList());
		model.addAttribute("removed", rows.stream().filter(r -> !r.installation().active()).toList());
		model.addAttribute("history", history.stream()
			.map(r -> new HistoryRow(r, rows.stream().filter(i -> i.installation().id().value().equals(r.installationId()))
				.map(InstalledApp::name).findFirst().orElse(r.appId().toString())))
			.toList());
		return "authserver/customer-apps";
	}

	@PostMapping("/customer-accounts/{id}/apps/{installation}/uninstall")
	String uninstall(@PathVariable UUID id, @PathVariable UUID installation, @AuthenticationPrincipal UserPrincipal user,
			RedirectAttributes redirect) {
		var accountId = new CustomerAccountId(id);
		roleOf(accountId, user);
		Installation found = installations.require(new InstallationId(installation));
		if (!found.accountId().equals(accountId)) {
			throw new NotFoundException("No such installation.");
		}
		installations.uninstall(found.id(), new UserId(user.userUuid()), user.email());
		redirect.addFlashAttribute("message", "Uninstalled. Its access stopped at once.");
		return "redirect:/customer-accounts/" + id + "/apps";
	}

	/** A non-member gets the same 404 as a missing account. */
	private CustomerRole roleOf(CustomerAccountId account, UserPrincipal user) {
		return accounts.roleOf(account, new UserId(user.userUuid()))
			.orElseThrow(() -> new NotFoundException("No such customer account."));
	}

	private InstalledApp row(Installation installation, Instant lastCall) {
		App app = registry.find(installation.appId()).orElse(null);
		Set<String> asksForMore = new TreeSet<>();
		if (app != null && installation.active()) {
			registry.liveRevision(app)
				.ifPresent(live -> live.content().scopes().stream().map(RequestedScope::scope).forEach(asksForMore::add));
			asksForMore.removeAll(installation.scopes());
		}
		Instant lastToken = installation.active() ? grants.lastTokenIssuedAt(installation.id().value()).orElse(null) : null;
		return new InstalledApp(installation, app == null ? installation.appId().toString() : app.name(),
				app == null ? null : app.status().name().toLowerCase(java.util.Locale.ROOT), lastToken, lastCall, asksForMore);
	}

	record InstalledApp(Installation installation, String name, String appStatus, Instant lastTokenAt,
			Instant lastCallAt, Set<String> asksForMore) {
	}

	record HistoryRow(ConsentRecord record, String appName) {
	}

}
