package dev.gatehouse.marketplace;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.apps.AppStatus;
import dev.gatehouse.apps.Revision;
import dev.gatehouse.apps.ScopeCatalogue;
import dev.gatehouse.developers.DeveloperOrganizations;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

/** The marketplace's facade: only published apps, only their live (reviewed) revision. */
@Service
public class Marketplace {

	private final AppRegistry registry;

	private final ScopeCatalogue scopes;

	private final DeveloperOrganizations organizations;

	Marketplace(AppRegistry registry, ScopeCatalogue scopes, DeveloperOrganizations organizations) {
		this.registry = registry;
		this.scopes = scopes;
		this.organizations = organizations;
	}

	public List<CatalogueEntry> search(String text, String category, String appType, int limit, int offset) {
		return registry.published(text, category, appType, limit, offset)
			.stream()
			.flatMap(app -> entry(app).stream())
			.toList();
	}

	public Optional<ListingPage> listing(String slug) {
		return registry.bySlug(slug).filter(app -> app.status() == AppStatus.PUBLISHED).flatMap(app -> {
			Optional<Revision> live = registry.liveRevision(app);
			return entry(app).map(entry -> {
				var catalogue = scopes.byName();
				var permissions = live.orElseThrow()
					.content()
					.scopes()
					.stream()
					.filter(s -> catalogue.containsKey(s.scope()))
					.map(s -> new ListingPage.RequestedPermission(catalogue.get(s.scope()), s.justification()))
					.toList();
				return new ListingPage(entry, permissions, live.get().content().dataUse(),
						registry.approvedSubProcessors(app.id()));
			});
		});
	}

	private Optional<CatalogueEntry> entry(App app) {
		return registry.liveRevision(app).flatMap(live -> organizations.find(app.organizationId())
			.map(org -> new CatalogueEntry(app, live.content().listing(),
					live.logoSha256() == null ? null : "/apps/" + app.id() + "/logo/" + live.logoSha256() + ".png", org)));
	}

}
