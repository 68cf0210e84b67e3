package dev.gatehouse.policy.pack;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.gatehouse.policy.pack.ParamType.bool;
import static dev.gatehouse.policy.pack.ParamType.choice;
import static dev.gatehouse.policy.pack.ParamType.integer;
import static dev.gatehouse.policy.pack.ParamType.listOf;
import static dev.gatehouse.policy.pack.ParamType.number;
import static dev.gatehouse.policy.pack.ParamType.string;

/**
 * Every mechanism id a policy pack may name. A pack naming anything else is refused on upload, so a
 * clause can never rely on enforcement that does not exist.
 */
public final class Mechanisms {

	public static final List<String> LISTING_FIELDS = List.of("name", "tagline", "description", "category", "logo",
			"website", "privacyPolicyUrl", "termsUrl", "supportEmail", "supportUrl", "setupUrl");

	public static final List<String> URL_FIELDS = List.of("website", "privacyPolicyUrl", "termsUrl", "supportUrl",
			"setupUrl");

	public static final List<String> WORD_LISTS = List.of("profanity", "endorsementClaims", "sensitiveRequests",
			"misleadingClaims");

	public static final List<String> LEGAL_DOCUMENTS = List.of("developer-terms", "developer-policy", "acceptable-use",
			"data-processing");

	private static final Map<String, Mechanism> ALL = new LinkedHashMap<>();

	static {
		check("check.listing-required-fields", "Required listing fields are filled in", Map.of("fields", listOf(LISTING_FIELDS)));
		check("check.url-reachable", "Listed URLs use https and answer", Map.of("fields", listOf(URL_FIELDS), "intervalDays", integer()));
		check("check.redirect-uris", "Redirect URIs are exact, https or loopback", Map.of("allowLoopbackHttp", bool()));
		check("check.webhook-endpoint", "The webhook endpoint verifies signatures", Map.of("timeoutSeconds", integer()));
		check("check.scope-justification", "Every requested scope is justified", Map.of("minLength", integer()));
		check("check.restricted-scope-evidence", "Restricted scopes come with evidence", Map.of());
		check("check.unused-scopes", "Granted scopes are actually used", Map.of("days", integer()));
		check("check.word-list", "Listing text against a word list", Map.of("list", choice(WORD_LISTS.toArray(String[]::new))));
		check("check.brand-terms", "No protected names or forbidden terms in the listing", Map.of());
		check("check.prohibited-categories", "Listing not in a prohibited category", Map.of());
		check("check.endorsement-claims", "No endorsement claims without a verified badge", Map.of());
		check("check.confusable-name", "App name not confusable with another app or the platform", Map.of("maxEditDistance", integer()));
		check("check.logo", "Logo type, size and dimensions", Map.of());
		check("check.subprocessors-approved", "Every sub-processor is approved", Map.of());
		check("check.legal-acceptance", "The organization accepted the current documents", Map.of());
		check("check.security-questionnaire", "Security questionnaire complete and recent", Map.of("maxPenTestAgeDays", integer()));
		check("check.sensitive-requests", "No asking users for card numbers or passwords", Map.of());
		check("check.sharing-declaration", "Data sharing declared consistently with consent scopes", Map.of());
		check("check.scopes-vs-purposes", "Scopes used match the purposes declared", Map.of());
		check("check.anomaly.probing", "Bursts of denied calls outside granted scopes", Map.of("threshold", integer(), "windowMinutes", integer(), "throttle", bool()));
		check("check.anomaly.exfiltration", "Data-subject reads far above the baseline", Map.of("factor", number(), "baselineDays", integer(), "throttle", bool()));
		check("check.anomaly.spam", "Message sending above the allowed rate", Map.of("messagesPerHour", integer(), "throttle", bool()));
		check("check.anomaly.credential-sharing", "One client's tokens used from many networks", Map.of("networks", integer(), "windowHours", integer(), "throttle", bool()));
		check("check.anomaly.load", "Errors or latency the app puts on the platform", Map.of("errorRatePercent", number(), "p99Millis", integer(), "throttle", bool()));
		check("check.staleness", "Listed URLs or webhooks failing for days; stale revisions", Map.of("failingDays", integer(), "revisionMonths", integer()));
		add("guard.oauth-only", MechanismKind.GUARD, "Only OAuth 2.0 tokens issued by Gatehouse reach the API", Map.of());
		add("guard.pkce", MechanismKind.GUARD, "Authorization code with PKCE S256 only", Map.of());
		add("guard.consent-ledger", MechanismKind.GUARD, "No token without a recorded consent", Map.of());
		add("guard.consent-screen", MechanismKind.GUARD, "Consent screen served only by Gatehouse, never skipped", Map.of());
		add("guard.gateway-access", MechanismKind.GUARD, "Token, scope and installation checked on every call", Map.of());
		add("guard.rate-limit", MechanismKind.GUARD, "Rate limits per app and installation", Map.of("requestsPerMinute", integer(), "burst", integer(), "perInstallationPerMinute", integer()));
		add("guard.payload-scan", MechanismKind.GUARD, "Card numbers and passwords in request bodies", Map.of("mode", choice("flag", "block")));
		add("guard.verified-developer", MechanismKind.GUARD, "Verified developer identity shown and required", Map.of());
		add("guard.payment-scope-review", MechanismKind.GUARD, "Payment scopes need extra review", Map.of());
		add("flow.review", MechanismKind.FLOW, "A reviewer checks this clause", Map.of("checklistItem", string()));
		add("flow.abuse-report", MechanismKind.FLOW, "Customers report apps; reports are triaged", Map.of());
		add("flow.erasure", MechanismKind.FLOW, "Erasure requests propagated with deadlines and receipts", Map.of());
		add("flow.rectification", MechanismKind.FLOW, "Rectifications propagated with deadlines and receipts", Map.of());
		add("flow.incident", MechanismKind.FLOW, "Breach intake, blast radius and customer notification", Map.of());
		add("flow.subprocessor-approval", MechanismKind.FLOW, "New sub-processors wait for operator approval", Map.of());
		add("flow.change-request", MechanismKind.FLOW, "Required changes with written notice and a deadline", Map.of());
		add("flow.evidence-request", MechanismKind.FLOW, "Proof of compliance requested with a deadline", Map.of());
		add("flow.audit", MechanismKind.FLOW, "Periodic audits by risk tier", Map.of("intervalDaysBasic", integer(), "intervalDaysSensitive", integer(), "intervalDaysRestricted", integer()));
		add("flow.policy-versioning", MechanismKind.FLOW, "Versioned policy, published with or without notice", Map.of());
		add("flow.legal-acceptance", MechanismKind.FLOW, "Documents accepted per version, re-accepted by a deadline", Map.of("documents", listOf(LEGAL_DOCUMENTS)));
		add("flow.enforcement", MechanismKind.FLOW, "Violations, penalty ladder, actions and appeals", Map.of());
		for (String attest : List.of("attest.lawful-basis", "attest.data-sharing", "attest.third-party-data", "attest.purposes",
				"attest.security-questionnaire", "attest.sensitive-data", "attest.payment-handling", "attest.proprietary-notices")) {
			add(attest, MechanismKind.ATTEST, "Signed declaration: " + attest.substring("attest.".length()).replace('-', ' '), Map.of());
		}
		add("badge.privacy-ready", MechanismKind.OTHER, "Marketplace badge for on-time privacy requests", Map.of("months", integer()));
		add("report.compliance-export", MechanismKind.OTHER, "Compliance report export (JSON and PDF)", Map.of());
		add("rating.customer", MechanismKind.OTHER, "Customer ratings and reports", Map.of());
	}

	private Mechanisms() {
	}

	public static Optional<Mechanism> find(String id) {
		return Optional.ofNullable(ALL.get(id));
	}

	public static Collection<Mechanism> all() {
		return ALL.values();
	}

	private static void check(String id, String summary, Map<String, ParamType> params) {
		add(id, MechanismKind.CHECK, summary, params);
	}

	private static void add(String id, MechanismKind kind, String summary, Map<String, ParamType> params) {
		ALL.put(id, new Mechanism(id, kind, summary, params));
	}

}
