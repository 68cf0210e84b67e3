package dev.gatehouse.review.internal;

import dev.gatehouse.apps.AppDraft;
import dev.gatehouse.apps.DataUse;
import dev.gatehouse.apps.Listing;
import dev.gatehouse.apps.RequestedScope;
import dev.gatehouse.apps.Revision;
import dev.gatehouse.apps.SecurityQuestionnaire;
import dev.gatehouse.review.FieldChange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A revision's content flattened to field → text, kept with each review, because a revision is
 * edited in place between two reviews of it; comparing two snapshots tells the reviewer what
 * changed since the last decision.
 */
public final class RevisionSnapshot {

	private RevisionSnapshot() {
	}

	public static Map<String, String> of(Revision revision) {
		AppDraft d = revision.content();
		Map<String, String> flat = new LinkedHashMap<>();
		flat.put("appType", nz(d.appType()));
		Listing l = d.listing() == null ? Listing.empty() : d.listing();
		flat.put("listing.name", nz(l.name()));
		flat.put("listing.tagline", nz(l.tagline()));
		flat.put("listing.description", nz(l.description()));
		flat.put("listing.category", nz(l.category()));
		flat.put("listing.website", nz(l.website()));
		flat.put("listing.privacyPolicyUrl", nz(l.privacyPolicyUrl()));
		flat.put("listing.termsUrl", nz(l.termsUrl()));
		flat.put("listing.supportEmail", nz(l.supportEmail()));
		flat.put("listing.supportUrl", nz(l.supportUrl()));
		flat.put("listing.setupUrl", nz(l.setupUrl()));
		flat.put("logo", nz(revision.logoSha256()));
		flat.put("redirectUris", d.redirectUris() == null ? "" : String.join("\n", d.redirectUris()));
		flat.put("webhookUrl", nz(d.webhookUrl()));
		for (RequestedScope scope : d.scopes() == null ? List.<RequestedScope>of() : d.scopes()) {
			flat.put("scope." + scope.scope() + ".justification", nz(scope.justification()));
			flat.put("scope." + scope.scope() + ".evidence", nz(scope.evidence()));
		}
		DataUse use = d.dataUse() == null ? DataUse.none() : d.dataUse();
		for (DataUse.CategoryUse c : use.categories()) {
			flat.put("dataUse." + c.category(), String.join(", ", c.purposes() == null ? List.of() : c.purposes()) + "; basis "
					+ c.lawfulBasis() + "; retention " + nz(c.retention()) + "; region " + nz(c.storageRegion()));
		}
		flat.put("dataUse.sharesWithThirdParties", use.sharesWithThirdParties() + (use.sharingDescription() == null ? ""
				: ": " + use.sharingDescription()));
		flat.put("dataUse.sellsData", String.valueOf(use.sellsData()));
		for (DataUse.SensitiveCategory s : use.sensitiveCategories()) {
			flat.put("dataUse.sensitive." + s.category(), nz(s.justification()));
		}
		flat.put("dataUse.thirdPartySources", String.join(", ", use.thirdPartySources()));
		flat.put("dataUse.handlesPayments", use.handlesPayments() + (use.paymentDescription() == null ? ""
				: ": " + use.paymentDescription()));
		SecurityQuestionnaire q = d.security() == null ? SecurityQuestionnaire.unanswered() : d.security();
		flat.put("security.encryptionAtRest", String.valueOf(q.encryptionAtRest()));
		flat.put("security.staffMfa", String.valueOf(q.staffMfa()));
		flat.put("security.loginAuditing", String.valueOf(q.loginAuditing()));
		flat.put("security.incidentContact", nz(q.incidentContact()));
		flat.put("security.lastPenetrationTest", String.valueOf(q.lastPenetrationTest()));
		flat.put("security.notes", nz(q.notes()));
		return flat;
	}

	/** The fields that differ, in the order of {@code after}, then the removed ones. */
	public static List<FieldChange> diff(Map<String, String> before, Map<String, String> after) {
		var keys = new LinkedHashSet<String>(after.keySet());
		keys.addAll(before.keySet());
		List<FieldChange> changes = new ArrayList<>();
		for (String key : keys) {
			String a = before.getOrDefault(key, "");
			String b = after.getOrDefault(key, "");
			if (!Objects.equals(a, b)) {
				changes.add(new FieldChange(key, a, b));
			}
		}
		return changes;
	}

	private static String nz(String value) {
		return value == null ? "" : value;
	}

}
