package dev.gatehouse.marketplace.web;

import dev.gatehouse.apps.AppCategories;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.marketplace.Marketplace;
import dev.gatehouse.shared.web.NotFoundException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The public catalogue and listing pages. */
@Controller
class MarketplaceController {

	private static final int PAGE = 24;

	private final Marketplace marketplace;

	private final AppRegistry registry;

	private final java.util.List<dev.gatehouse.shared.badges.AppBadgeSource> badgeSources;

	MarketplaceController(Marketplace marketplace, AppRegistry registry,
			java.util.List<dev.gatehouse.shared.badges.AppBadgeSource> badgeSources) {
		this.marketplace = marketplace;
		this.registry = registry;
		this.badgeSources = badgeSources;
	}

	/** What every badge source awards the app, in source order. */
	private java.util.List<dev.gatehouse.shared.badges.AppBadge> badges(java.util.UUID appId) {
		return badgeSources.stream().flatMap(source -> source.badgesOf(appId).stream()).toList();
	}

	@GetMapping("/marketplace")
	String catalogue(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "") String category,
			@RequestParam(defaultValue = "") String type, @RequestParam(defaultValue = "0") int page, Model model) {
		int current = Math.max(page, 0);
		var entries = marketplace.search(q, category, type, PAGE + 1, current * PAGE);
		model.addAttribute("entries", entries);
		var badges = new java.util.HashMap<Object, java.util.List<dev.gatehouse.shared.badges.AppBadge>>();
		entries.forEach(e -> badges.put(e.app().id(), badges(e.app().id().value())));
		model.addAttribute("badges", badges);
		model.addAttribute("q", q);
		model.addAttribute("category", category);
		model.addAttribute("type", type);
		model.addAttribute("categories", AppCategories.ALL);
		model.addAttribute("types", registry.appTypes().stream().sorted().toList());
		model.addAttribute("page", current);
		model.addAttribute("pageSize", PAGE);
		return "marketplace/catalogue";
	}

	@GetMapping("/marketplace/apps/{slug}")
	String listing(@PathVariable String slug, Model model) {
		var page = marketplace.listing(slug).orElseThrow(() -> new NotFoundException("No such app."));
		model.addAttribute("page", page);
		model.addAttribute("appBadges", badges(page.entry().app().id().value()));
		model.addAttribute("installUrl", installUrl(page.entry().listing().setupUrl()));
		return "marketplace/listing";
	}

	/**
	 * Install: only the app can start the authorization (it alone holds its PKCE verifier), so the
	 * customer goes to the app's setup URL with {@code iss} naming this server, as in OpenID
	 * Connect's login initiated by a third party; the app then asks for consent here.
	 */
	private static String installUrl(String setupUrl) {
		String issuer = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
		return UriComponentsBuilder.fromUriString(setupUrl).queryParam("iss", issuer).encode().build().toUriString();
	}

}
