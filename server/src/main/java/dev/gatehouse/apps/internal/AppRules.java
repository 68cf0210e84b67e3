package dev.gatehouse.apps.internal;

import dev.gatehouse.apps.AppCategories;
import dev.gatehouse.apps.AppDraft;
import dev.gatehouse.apps.DataUse;
import dev.gatehouse.apps.FieldProblem;
import dev.gatehouse.apps.Listing;
import dev.gatehouse.apps.RequestedScope;
import dev.gatehouse.apps.Scope;
import dev.gatehouse.apps.ScopeTier;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * The registry's rules, as pure functions of a draft. Saving checks the form of what was typed;
 * submitting also checks that the app is complete and consistent.
 */
public final class AppRules {

	public static final int MAX_REDIRECT_URIS = 10;

	public static final int MAX_SCOPES = 50;

	static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s.]{2,}$");

	private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

	private AppRules() {
	}

	/** Problems with the form of a draft: anything typed must be well formed, but it may be incomplete. */
	public static List<FieldProblem> onSave(AppDraft draft, Map<String, Scope> catalogue, Set<String> appTypes) {
		List<FieldProblem> problems = new ArrayList<>();
		BiConsumer<String, String> add = (field, message) -> problems.add(new FieldProblem(field, message));
		if (draft.appType() == null || !appTypes.contains(draft.appType())) {
			add.accept("appType", "Choose one of the app types: " + String.join(", ", new TreeSet<>(appTypes)) + ".");
		}
		listingForm(draft.listing(), add);
		redirectUris(draft.redirectUris(), add);
		if (present(draft.webhookUrl())) {
			webhookUrl(draft.webhookUrl(), add);
		}
		scopes(draft.scopes(), catalogue, add);
		return problems;
	}

	/** Everything a submission must have, on top of {@link #onSave}. */
	public static List<FieldProblem> onSubmit(AppDraft draft, Map<String, Scope> catalogue, Set<String> appTypes,
			int minJustification, boolean hasLogo) {
		List<FieldProblem> problems = new ArrayList<>(onSave(draft, catalogue, appTypes));
		BiConsumer<String, String> add = (field, message) -> problems.add(new FieldProblem(field, message));
		Listing l = draft.listing();
		required(l.name(), "listing.name", "Give the app a name.", add);
		required(l.tagline(), "listing.tagline", "Write a one-line tagline.", add);
		required(l.description(), "listing.description", "Describe what the app does.", add);
		required(l.category(), "listing.category", "Choose a category.", add);
		required(l.website(), "listing.website", "Add the app's website.", add);
		required(l.privacyPolicyUrl(), "listing.privacyPolicyUrl", "Link your privacy policy.", add);
		required(l.termsUrl(), "listing.termsUrl", "Link your terms of service.", add);
		required(l.supportEmail(), "listing.supportEmail", "Give a support email address.", add);
		required(l.supportUrl(), "listing.supportUrl", "Link your support page.", add);
		required(l.setupUrl(), "listing.setupUrl", "Link the setup instructions.", add);
		if (!hasLogo) {
			add.accept("logo", "Upload a logo.");
		}
		if (draft.redirectUris().isEmpty()) {
			add.accept("redirectUris", "Add at least one redirect URI.");
		}
		if (draft.scopes().isEmpty()) {
			add.accept("scopes", "Request at least one scope.");
		}
		for (int i = 0; i < draft.scopes().size(); i++) {
			RequestedScope requested = draft.scopes().get(i);
			Scope scope = catalogue.get(requested.scope());
			if (!present(requested.justification()) || requested.justification().strip().length() < minJustification) {
				add.accept("scopes[" + i + "].justification", "Explain why the app needs " + requested.scope()
						+ " in at least " + minJustification + " characters.");
			}
			if (scope != null && scope.tier() == ScopeTier.RESTRICTED && !present(requested.evidence())) {
				add.accept("scopes[" + i + "].evidence", requested.scope() + " is restricted: describe the evidence for review.");
			}
		}
		dataUse(draft, catalogue, add);
		if (!draft.security().complete()) {
			add.accept("security", "Answer every question of the security questionnaire.");
		}
		return problems;
	}

	private static void listingForm(Listing l, BiConsumer<String, String> add) {
		length(l.name(), 3, 50, "listing.name", add);
		length(l.tagline(), 5, 80, "listing.tagline", add);
		length(l.description(), 20, 4000, "listing.description", add);
		if (present(l.category()) && !AppCategories.ALL.contains(l.category())) {
			add.accept("listing.category", "Choose one of the listed categories.");
		}
		for (var url : Map.of("listing.website", nz(l.website()), "listing.privacyPolicyUrl", nz(l.privacyPolicyUrl()),
				"listing.termsUrl", nz(l.termsUrl()), "listing.supportUrl", nz(l.supportUrl()), "listing.setupUrl",
				nz(l.setupUrl())).entrySet()) {
			if (present(url.getValue())) {
				httpsUrl(url.getValue(), url.getKey(), add);
			}
		}
		if (present(l.supportEmail()) && !EMAIL.matcher(l.supportEmail().strip()).matches()) {
			add.accept("listing.supportEmail", "Enter a valid email address.");
		}
	}

	/** Exact, absolute redirect URIs: https, or http on loopback for development; no fragments or wildcards. */
	static void redirectUris(List<String> uris, BiConsumer<String, String> add) {
		if (uris.size() > MAX_REDIRECT_URIS) {
			add.accept("redirectUris", "At most " + MAX_REDIRECT_URIS + " redirect URIs.");
		}
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < uris.size(); i++) {
			String field = "redirectUris[" + i + "]";
			String text = uris.get(i);
			String problem = redirectUriProblem(text);
			if (problem != null) {
				add.accept(field, problem);
			}
			else if (!seen.add(text)) {
				add.accept(field, "This redirect URI is listed twice.");
			}
		}
	}

	static String redirectUriProblem(String text) {
		if (text == null || text.isBlank() || !text.equals(text.strip())) {
			return "Enter the URI without spaces.";
		}
		if (text.length() > 2048) {
			return "A redirect URI is at most 2048 characters.";
		}
		if (text.contains("*")) {
			return "Wildcards are not allowed: register each redirect URI exactly.";
		}
		URI uri;
		try {
			uri = new URI(text);
		}
		catch (URISyntaxException ex) {
			return "This is not a valid URI.";
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (scheme.equals("javascript") || scheme.equals("data") || scheme.equals("vbscript") || scheme.equals("file")) {
			return "The " + scheme + ": scheme is not allowed.";
		}
		if (!uri.isAbsolute() || uri.getHost() == null) {
			return "Use an absolute URI with a host, such as https://app.example.com/callback.";
		}
		if (uri.getRawFragment() != null || text.contains("#")) {
			return "A redirect URI must not contain a fragment (#...).";
		}
		if (uri.getRawUserInfo() != null) {
			return "A redirect URI must not contain a user name or password.";
		}
		boolean loopback = LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT));
		if (scheme.equals("http") && !loopback) {
			return "Use https; plain http is only allowed on localhost, 127.0.0.1 or [::1].";
		}
		if (!scheme.equals("https") && !scheme.equals("http")) {
			return "Use an https redirect URI.";
		}
		return null;
	}

	static void webhookUrl(String text, BiConsumer<String, String> add) {
		String field = "webhookUrl";
		URI uri;
		try {
			uri = new URI(text.strip());
		}
		catch (URISyntaxException ex) {
			add.accept(field, "This is not a valid URL.");
			return;
		}
		if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
			add.accept(field, "The webhook endpoint must be an https URL.");
			return;
		}
		if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
			add.accept(field, "The webhook URL must not contain credentials or a fragment.");
			return;
		}
		if (uri.getHost().matches("[0-9.]+") || uri.getHost().startsWith("[")) {
			add.accept(field, "Use a host name, not an IP address.");
		}
	}

	private static void scopes(List<RequestedScope> scopes, Map<String, Scope> catalogue, BiConsumer<String, String> add) {
		if (scopes.size() > MAX_SCOPES) {
			add.accept("scopes", "At most " + MAX_SCOPES + " scopes.");
		}
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < scopes.size(); i++) {
			String name = scopes.get(i).scope();
			if (!catalogue.containsKey(name)) {
				add.accept("scopes[" + i + "].scope", "Unknown scope '" + name + "'.");
			}
			else if (!seen.add(name)) {
				add.accept("scopes[" + i + "].scope", "'" + name + "' is requested twice.");
			}
		}
	}

	private static void dataUse(AppDraft draft, Map<String, Scope> catalogue, BiConsumer<String, String> add) {
		DataUse use = draft.dataUse();
		List<Scope> requested = draft.scopes().stream().map(s -> catalogue.get(s.scope())).filter(s -> s != null).toList();
		Set<String> reached = new TreeSet<>();
		requested.forEach(scope -> reached.addAll(scope.dataCategories()));
		Set<String> declared = new HashSet<>();
		for (int i = 0; i < use.categories().size(); i++) {
			var category = use.categories().get(i);
			String field = "dataUse.categories[" + i + "]";
			declared.add(category.category());
			if (category.purposes() == null || category.purposes().stream().noneMatch(AppRules::present)) {
				add.accept(field + ".purposes", "Name at least one purpose for " + category.category() + ".");
			}
			if (category.lawfulBasis() == null) {
				add.accept(field + ".lawfulBasis", "Choose the lawful basis for " + category.category() + ".");
			}
			if (!present(category.retention())) {
				add.accept(field + ".retention", "Say how long " + category.category() + " data is kept.");
			}
			if (!present(category.storageRegion())) {
				add.accept(field + ".storageRegion", "Say where " + category.category() + " data is stored.");
			}
		}
		for (String category : reached) {
			if (!declared.contains(category)) {
				add.accept("dataUse.categories", "Declare how you use " + category + " data: your scopes reach it.");
			}
		}
		if (use.sellsData() && requested.stream().noneMatch(Scope::consentBearing)) {
			add.accept("dataUse.sellsData", "Selling or renting data needs a consent-bearing scope, granted by the customer.");
		}
		if (use.sharesWithThirdParties() && !present(use.sharingDescription())) {
			add.accept("dataUse.sharingDescription", "Describe with whom data is shared and why.");
		}
		for (int i = 0; i < use.sensitiveCategories().size(); i++) {
			if (!present(use.sensitiveCategories().get(i).justification())) {
				add.accept("dataUse.sensitiveCategories[" + i + "].justification",
						"Explain why the app needs this sensitive data.");
			}
		}
		boolean paymentScope = requested.stream().anyMatch(Scope::payment);
		if (paymentScope && (!use.handlesPayments() || !present(use.paymentDescription()))) {
			add.accept("dataUse.paymentDescription", "Payment scopes need a description of how payments are handled.");
		}
	}

	private static void httpsUrl(String text, String field, BiConsumer<String, String> add) {
		try {
			URI uri = new URI(text.strip());
			if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null) {
				add.accept(field, "Use an https URL such as https://example.com/page.");
				return;
			}
			IDN.toASCII(uri.getHost());
		}
		catch (URISyntaxException | IllegalArgumentException ex) {
			add.accept(field, "This is not a valid URL.");
		}
	}

	private static void length(String text, int min, int max, String field, BiConsumer<String, String> add) {
		if (present(text) && (text.strip().length() < min || text.strip().length() > max)) {
			add.accept(field, "Use " + min + " to " + max + " characters.");
		}
	}

	private static void required(String text, String field, String message, BiConsumer<String, String> add) {
		if (!present(text)) {
			add.accept(field, message);
		}
	}

	static boolean present(String text) {
		return text != null && !text.isBlank();
	}

	private static String nz(String text) {
		return text == null ? "" : text;
	}

}
