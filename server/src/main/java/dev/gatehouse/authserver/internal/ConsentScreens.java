package dev.gatehouse.authserver.internal;

import dev.gatehouse.shared.crypto.Sha256;
import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppId;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.apps.Credential.Environment;
import dev.gatehouse.apps.RequestedScope;
import dev.gatehouse.apps.Revision;
import dev.gatehouse.apps.Scope;
import dev.gatehouse.apps.ScopeCatalogue;
import dev.gatehouse.apps.ScopeTier;
import dev.gatehouse.authserver.internal.ConsentScreen.AccountChoice;
import dev.gatehouse.authserver.internal.ConsentScreen.Permission;
import dev.gatehouse.authserver.internal.ConsentScreen.TierGroup;
import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.developers.Organization;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.marketplace.CustomerAccounts;
import dev.gatehouse.marketplace.CustomerMembership;
import dev.gatehouse.marketplace.CustomerRole;
import dev.gatehouse.marketplace.Installation;
import dev.gatehouse.marketplace.Installations;
import dev.gatehouse.policy.DocumentKind;
import dev.gatehouse.policy.DocumentVersion;
import dev.gatehouse.policy.LegalDocuments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;

/**
 * Builds the {@link ConsentScreen} for a client, the scopes it asked for and the logged-in user.
 * Which accounts the user may pick follows the sandbox rule: a sandbox client acts only on the
 * sandbox account of its own developer organization; a production client on any account the user
 * administers (or, as a member, on one where an admin already granted every scope asked for).
 */
@Component
public class ConsentScreens {

	private final RegisteredClientRepository clients;

	private final AppRegistry registry;

	private final ScopeCatalogue catalogue;

	private final DeveloperOrganizations organizations;

	private final CustomerAccounts accounts;

	private final Installations installations;

	private final LegalDocuments documents;

	ConsentScreens(RegisteredClientRepository clients, AppRegistry registry, ScopeCatalogue catalogue,
			DeveloperOrganizations organizations, CustomerAccounts accounts, Installations installations,
			LegalDocuments documents) {
		this.clients = clients;
		this.registry = registry;
		this.catalogue = catalogue;
		this.organizations = organizations;
		this.accounts = accounts;
		this.installations = installations;
		this.documents = documents;
	}

	/** Empty when the client is unknown or its app cannot be authorized (suspended, blocked, retired). */
	public Optional<ConsentScreen> build(String clientId, Set<String> requestedScopes, UserId user) {
		RegisteredClient client = clients.findByClientId(clientId);
		if (client == null) {
			return Optional.empty();
		}
		AppId appId = AppId.of(client.getClientSettings().<String>getSetting(AppRegisteredClients.APP_ID));
		App app = registry.find(appId).orElse(null);
		if (app == null) {
			return Optional.empty();
		}
		boolean sandbox = "sandbox".equals(client.getClientSettings().<String>getSetting(AppRegisteredClients.ENVIRONMENT));
		Revision revision = AppRegisteredClients
			.revisionInForce(registry, app, sandbox ? Environment.SANDBOX : Environment.PRODUCTION)
			.orElse(null);
		Organization developer = organizations.find(app.organizationId()).orElse(null);
		if (revision == null || developer == null) {
			return Optional.empty();
		}
		Set<String> scopes = new TreeSet<>(requestedScopes);
		List<TierGroup> tiers = tiers(revision, scopes);
		var listing = revision.content().listing();
		var subProcessors = registry.approvedSubProcessors(app.id());
		String policy = documents.current(DocumentKind.DEVELOPER_POLICY).map(DocumentVersion::label).orElse("none");
		String logo = revision.logoSha256() == null ? null : "/apps/" + app.id() + "/logo/" + revision.logoSha256() + ".png";
		var draft = new ConsentScreen(clientId, sandbox, app, listing, logo, developer, tiers, revision.content().dataUse(),
				subProcessors, choices(app, sandbox, scopes, user), policy, "", "");
		String text = canonicalText(draft);
		return Optional.of(new ConsentScreen(clientId, sandbox, app, listing, logo, developer, tiers,
				revision.content().dataUse(), subProcessors, draft.accounts(), policy, text, sha256(text)));
	}

	private List<TierGroup> tiers(Revision revision, Set<String> scopes) {
		Map<String, Scope> known = catalogue.byName();
		Map<String, String> reasons = revision.content()
			.scopes()
			.stream()
			.collect(Collectors.toMap(RequestedScope::scope, RequestedScope::justification, (a, b) -> a));
		List<TierGroup> groups = new ArrayList<>();
		for (ScopeTier tier : ScopeTier.values()) {
			List<Permission> permissions = scopes.stream()
				.map(known::get)
				.filter(scope -> scope != null && scope.tier() == tier)
				.map(scope -> new Permission(scope, reasons.getOrDefault(scope.name(), "")))
				.toList();
			if (!permissions.isEmpty()) {
				groups.add(new TierGroup(tier, heading(tier), permissions));
			}
		}
		return groups;
	}

	private static String heading(ScopeTier tier) {
		return switch (tier) {
			case BASIC -> "Basic access";
			case SENSITIVE -> "Access to personal data";
			case RESTRICTED -> "Restricted access (reviewed with evidence)";
		};
	}

	private List<AccountChoice> choices(App app, boolean sandbox, Set<String> scopes, UserId user) {
		List<AccountChoice> choices = new ArrayList<>();
		for (CustomerMembership membership : accounts.membershipsOf(user)) {
			var account = membership.account();
			if (sandbox && !app.organizationId().equals(account.sandboxOf())) {
				continue;
			}
			Optional<Installation> installed = installations.active(account.id(), app.id());
			Set<String> missing = new TreeSet<>(scopes);
			installed.ifPresent(i -> missing.removeAll(i.scopes()));
			choices.add(new AccountChoice(account, installed.isPresent(), missing, membership.role() == CustomerRole.ADMIN));
		}
		return choices;
	}

	/**
	 * One line per fact, in a fixed order and wording: the text that {@link ConsentScreen#textHash()}
	 * digests. The page renders the same facts; a change to any of them changes the hash.
	 */
	static String canonicalText(ConsentScreen screen) {
		var text = new StringBuilder();
		var listing = screen.listing();
		line(text, "app", listing.name());
		line(text, "app id", screen.app().id().toString());
		line(text, "environment", screen.sandbox() ? "sandbox" : "production");
		line(text, "developer", screen.developer().name() + (screen.developer().verified() ? " (verified)" : " (not verified)"));
		for (TierGroup group : screen.tiers()) {
			for (Permission permission : group.permissions()) {
				line(text, "scope", permission.scope().name() + " [" + group.tier().name().toLowerCase(Locale.ROOT) + "] "
						+ permission.scope().description() + " | why: " + permission.justification());
			}
		}
		for (var use : screen.dataUse().categories()) {
			line(text, "data", use.category() + " | " + String.join(", ", use.purposes()) + " | " + use.lawfulBasis() + " | "
					+ use.retention() + " | " + use.storageRegion());
		}
		line(text, "sells data", String.valueOf(screen.dataUse().sellsData()));
		line(text, "shares with third parties", screen.dataUse().sharesWithThirdParties()
				? String.valueOf(screen.dataUse().sharingDescription()) : "no");
		for (var processor : screen.subProcessors()) {
			line(text, "sub-processor", processor.name() + " (" + processor.country() + "): " + processor.purpose());
		}
		line(text, "privacy policy", listing.privacyPolicyUrl());
		line(text, "terms", listing.termsUrl());
		line(text, "support", listing.supportUrl() + " " + listing.supportEmail());
		line(text, "policy", screen.policyVersion());
		return text.toString();
	}

	private static void line(StringBuilder text, String key, String value) {
		text.append(key).append(": ").append(value == null ? "" : value.replace('\n', ' ')).append('\n');
	}

	static String sha256(String text) {
		return Sha256.hex(text);
	}
}
