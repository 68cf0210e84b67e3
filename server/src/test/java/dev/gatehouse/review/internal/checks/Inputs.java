package dev.gatehouse.review.internal.checks;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppDraft;
import dev.gatehouse.apps.AppId;
import dev.gatehouse.apps.AppStatus;
import dev.gatehouse.apps.Listing;
import dev.gatehouse.apps.Revision;
import dev.gatehouse.apps.RevisionState;
import dev.gatehouse.apps.SubProcessor;
import dev.gatehouse.apps.TestApps;
import dev.gatehouse.developers.OrganizationId;
import dev.gatehouse.policy.DocumentStanding;
import dev.gatehouse.policy.pack.PolicyPack;
import dev.gatehouse.policy.pack.PolicyPackParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Check inputs for unit tests: the reference pack and a complete app, changed by small withers. */
final class Inputs {

	static final PolicyPack REFERENCE = load("reference");

	static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

	private Inputs() {
	}

	static PolicyPack load(String pack) {
		try (var in = Inputs.class.getResourceAsStream("/policy-packs/" + pack + ".yaml")) {
			return PolicyPackParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).pack();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Builder complete() {
		return new Builder(TestApps.complete("Reminder Relay"));
	}

	static final class Builder {

		AppDraft draft;

		String logo;

		boolean verified;

		List<SubProcessor> subProcessors = List.of();

		List<DocumentStanding> standing = List.of();

		List<String> otherApps = List.of("Invoice Ninja Sync", "Clinic Calendar");

		byte[] logoPng;

		PolicyPack pack = REFERENCE;

		Builder(AppDraft draft) {
			this.draft = draft;
		}

		Builder listing(Listing listing) {
			draft = new AppDraft(draft.appType(), listing, draft.redirectUris(), draft.webhookUrl(), draft.scopes(),
					draft.dataUse(), draft.security());
			return this;
		}

		Builder text(String tagline, String description) {
			Listing l = draft.listing();
			return listing(new Listing(l.name(), tagline, description, l.category(), l.website(), l.privacyPolicyUrl(),
					l.termsUrl(), l.supportEmail(), l.supportUrl(), l.setupUrl()));
		}

		Builder name(String name) {
			Listing l = draft.listing();
			return listing(new Listing(name, l.tagline(), l.description(), l.category(), l.website(), l.privacyPolicyUrl(),
					l.termsUrl(), l.supportEmail(), l.supportUrl(), l.setupUrl()));
		}

		Builder draft(AppDraft draft) {
			this.draft = draft;
			return this;
		}

		Builder webhook(String url) {
			draft = new AppDraft(draft.appType(), draft.listing(), draft.redirectUris(), url, draft.scopes(), draft.dataUse(),
					draft.security());
			return this;
		}

		Builder logo(byte[] png) {
			this.logo = "sha";
			this.logoPng = png;
			return this;
		}

		Builder verified(boolean verified) {
			this.verified = verified;
			return this;
		}

		Builder subProcessors(List<SubProcessor> subProcessors) {
			this.subProcessors = subProcessors;
			return this;
		}

		Builder standing(List<DocumentStanding> standing) {
			this.standing = standing;
			return this;
		}

		Builder otherApps(List<String> names) {
			this.otherApps = names;
			return this;
		}

		CheckInput build() {
			App app = new App(AppId.random(), new OrganizationId(UUID.randomUUID()), draft.listing().name(), "slug", "app",
					AppStatus.SUBMITTED, null, UUID.randomUUID(), NOW, NOW);
			Revision revision = new Revision(app.draftRevisionId(), app.id(), 1, RevisionState.SUBMITTED, draft, logo, NOW, NOW,
					null);
			return new CheckInput(app, revision, pack, verified, subProcessors, TestApps.catalogue(), standing, () -> otherApps,
					() -> Optional.ofNullable(logoPng), NOW);
		}

	}

}
