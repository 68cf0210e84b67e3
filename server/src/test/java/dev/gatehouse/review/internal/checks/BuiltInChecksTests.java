package dev.gatehouse.review.internal.checks;

import dev.gatehouse.apps.AppDraft;
import dev.gatehouse.apps.AppId;
import dev.gatehouse.apps.DataUse;
import dev.gatehouse.apps.LawfulBasis;
import dev.gatehouse.apps.Listing;
import dev.gatehouse.apps.RequestedScope;
import dev.gatehouse.apps.SecurityQuestionnaire;
import dev.gatehouse.apps.SubProcessor;
import dev.gatehouse.apps.SubProcessorStatus;
import dev.gatehouse.apps.TestApps;
import dev.gatehouse.policy.DocumentKind;
import dev.gatehouse.policy.DocumentStanding;
import dev.gatehouse.policy.StandingState;
import dev.gatehouse.review.CheckOutcome;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every built-in check that needs no network, with a passing and a failing case, on the reference pack. */
class BuiltInChecksTests {

	@Test
	void listingRequiredFieldsWhenCompleteThenPassWhenSupportEmailMissingOrLogoMissingThenFail() {
		var check = new ListingRequiredFieldsCheck();
		Map<String, Object> params = Map.of("fields", List.of("name", "privacyPolicyUrl", "supportEmail", "logo"));

		assertThat(check.evaluate(Inputs.complete().logo(TestApps.logoPng(256)).build(), params).outcome())
			.isEqualTo(CheckOutcome.PASS);
		Listing l = TestApps.complete("X").listing();
		var verdict = check.evaluate(Inputs.complete()
			.listing(new Listing("Reminder Relay", l.tagline(), l.description(), l.category(), l.website(), " ", l.termsUrl(),
					"not-an-address", l.supportUrl(), l.setupUrl()))
			.build(), params);
		assertThat(verdict.outcome()).isEqualTo(CheckOutcome.FAIL);
		assertThat(verdict.evidence()).containsEntry("missing", List.of("privacyPolicyUrl", "logo"))
			.containsEntry("invalid", List.of("supportEmail"));
	}

	@Test
	void redirectUrisWhenHttpsOrAllowedLoopbackThenPassWhenWildcardHttpOrFragmentThenFail() {
		var check = new RedirectUrisCheck();

		assertThat(check.evaluate(Inputs.complete().build(), Map.of("allowLoopbackHttp", true)).outcome())
			.isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(Inputs.complete().build(), Map.of("allowLoopbackHttp", false)).outcome())
			.isEqualTo(CheckOutcome.FAIL);
		var bad = Inputs.complete()
			.draft(TestApps.withRedirects(TestApps.complete("X"), List.of("https://*.example.com/cb", "http://example.com/cb",
					"https://example.com/cb#frag", "https://user@example.com/cb", "/relative")))
			.build();
		var verdict = check.evaluate(bad, Map.of("allowLoopbackHttp", true));
		assertThat(verdict.outcome()).isEqualTo(CheckOutcome.FAIL);
		assertThat((Map<?, ?>) verdict.evidence().get("problems")).hasSize(5);
	}

	@Test
	void scopeJustificationWhenLongEnoughThenPassWhenShortThenFail() {
		var check = new ScopeJustificationCheck();

		assertThat(check.evaluate(Inputs.complete().build(), Map.of("minLength", 20)).outcome()).isEqualTo(CheckOutcome.PASS);
		var verdict = check.evaluate(Inputs.complete()
			.draft(TestApps.withScopes(TestApps.complete("X"),
					List.of(new RequestedScope(TestApps.READ_APPOINTMENTS.name(), "we need it", null)), DataUse.none()))
			.build(), Map.of("minLength", 20));
		assertThat(verdict.outcome()).isEqualTo(CheckOutcome.FAIL);
		assertThat(verdict.evidence()).containsEntry("unjustified", List.of(TestApps.READ_APPOINTMENTS.name()));
	}

	@Test
	void restrictedScopeEvidenceWhenEvidenceGivenThenPassWhenMissingThenFailWhenNoRestrictedThenNotApplicable() {
		var check = new RestrictedScopeEvidenceCheck();
		AppDraft base = TestApps.complete("X");

		assertThat(check.evaluate(Inputs.complete().build(), Map.of()).outcome()).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(check.evaluate(Inputs.complete().draft(TestApps.withScopes(base, List.of(new RequestedScope(
				TestApps.READ_PATIENTS.name(), "We read patient records to send their reminders.", "DPIA signed 2026-10")),
				base.dataUse())).build(), Map.of()).outcome()).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(Inputs.complete().draft(TestApps.withScopes(base, List.of(new RequestedScope(
				TestApps.READ_PATIENTS.name(), "We read patient records to send their reminders.", " ")), base.dataUse()))
			.build(), Map.of()).outcome()).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void wordListWhenCleanThenPassWhenProfanityOrMisleadingClaimThenFail() {
		var check = new WordListCheck();

		assertThat(check.evaluate(Inputs.complete().build(), Map.of("list", "profanity")).outcome()).isEqualTo(CheckOutcome.PASS);
		var verdict = check.evaluate(Inputs.complete().text("Reminders, no crap", "Works.").build(), Map.of("list", "profanity"));
		assertThat(verdict.outcome()).isEqualTo(CheckOutcome.FAIL);
		assertThat(verdict.evidence().get("found")).isEqualTo(Map.of("tagline", List.of("crap")));
		assertThat(check.evaluate(Inputs.complete().text("Reminders", "Our service is 100% SECURE.").build(),
				Map.of("list", "misleadingClaims")).outcome()).isEqualTo(CheckOutcome.FAIL);
		// word boundaries: "scrappy" does not contain the word "crap"
		assertThat(check.evaluate(Inputs.complete().text("A scrappy little tool", "Works.").build(),
				Map.of("list", "profanity")).outcome()).isEqualTo(CheckOutcome.PASS);
	}

	@Test
	void brandTermsWhenPlatformOnlyMentionedThenPassWhenInNameOrForbiddenTermThenFail() {
		var check = new BrandTermsCheck();

		assertThat(check.evaluate(Inputs.complete().text("Reminders", "Works with Example Platform calendars.").build(), Map.of())
			.outcome()).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(Inputs.complete().name("Example Platform Reminders").build(), Map.of()).outcome())
			.isEqualTo(CheckOutcome.FAIL);
		assertThat(check.evaluate(Inputs.complete().text("Made by Example Platform", "Reminders.").build(), Map.of()).outcome())
			.isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void prohibitedCategoriesWhenCleanThenPassWhenTermFoundThenFailNamingTheCategory() {
		var check = new ProhibitedCategoriesCheck();

		assertThat(check.evaluate(Inputs.complete().build(), Map.of()).outcome()).isEqualTo(CheckOutcome.PASS);
		var verdict = check.evaluate(Inputs.complete().text("Reminders", "Also sells ammunition to clinics.").build(), Map.of());
		assertThat(verdict.outcome()).isEqualTo(CheckOutcome.FAIL);
		assertThat(((Map<?, ?>) verdict.evidence().get("found")).keySet()).extracting(Object::toString).containsExactly("weapons");
	}

	@Test
	void endorsementClaimsWhenNoneOrVerifiedThenPassWhenUnverifiedThenFail() {
		var check = new EndorsementClaimsCheck();
		var claiming = Inputs.complete().text("The official reminder app", "Certified by clinics everywhere.");

		assertThat(check.evaluate(Inputs.complete().build(), Map.of()).outcome()).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(claiming.verified(true).build(), Map.of()).outcome()).isEqualTo(CheckOutcome.PASS);
		var verdict = check.evaluate(claiming.verified(false).build(), Map.of());
		assertThat(verdict.outcome()).isEqualTo(CheckOutcome.FAIL);
		assertThat(((Map<?, ?>) verdict.evidence().get("found")).keySet()).extracting(Object::toString).containsExactly("tagline", "description");
	}

	@Test
	void confusableNameWhenDistinctThenPassWhenHomoglyphEditOrProtectedNameThenFail() {
		var check = new ConfusableNameCheck();
		Map<String, Object> params = Map.of("maxEditDistance", 2);

		assertThat(check.evaluate(Inputs.complete().build(), params).outcome()).isEqualTo(CheckOutcome.PASS);
		// Cyrillic "а" and "о" instead of Latin letters
		assertThat(check.evaluate(Inputs.complete().name("Clinic Cаlendаr").build(), params).outcome())
			.isEqualTo(CheckOutcome.FAIL);
		// an "l" for the "I", and one letter more
		assertThat(check.evaluate(Inputs.complete().name("lnvoice Ninja Syncs").build(), params).outcome())
			.isEqualTo(CheckOutcome.FAIL);
		var verdict = check.evaluate(Inputs.complete().name("Examp1e P1atform Helper").build(), params);
		assertThat(verdict.outcome()).isEqualTo(CheckOutcome.FAIL);
		assertThat(verdict.summary()).contains("protected name \"Example Platform\"");
		assertThat(ConfusableNameCheck.skeleton("Clinic Calendar")).isEqualTo(ConfusableNameCheck.skeleton("CIinic CaIendar"));
		assertThat(ConfusableNameCheck.skeleton("modern")).isEqualTo(ConfusableNameCheck.skeleton("rnodern"));
	}

	@Test
	void logoWhenWithinRulesThenPassWhenTooSmallOrNotSquareThenFail() {
		var check = new LogoCheck();

		assertThat(check.evaluate(Inputs.complete().build(), Map.of()).outcome()).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(check.evaluate(Inputs.complete().logo(TestApps.logoPng(256)).build(), Map.of()).outcome())
			.isEqualTo(CheckOutcome.PASS);
		var small = check.evaluate(Inputs.complete().logo(TestApps.logoPng(64)).build(), Map.of());
		assertThat(small.outcome()).isEqualTo(CheckOutcome.FAIL);
		assertThat(small.summary()).contains("smaller than 256 pixels");
		assertThat(check.evaluate(Inputs.complete().logo(png(300, 280)).build(), Map.of()).summary()).contains("not square");
	}

	@Test
	void subProcessorsWhenAllApprovedThenPassWhenOnePendingThenFail() {
		var check = new SubProcessorsApprovedCheck();

		assertThat(check.evaluate(Inputs.complete().build(), Map.of()).outcome()).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(check.evaluate(Inputs.complete().subProcessors(List.of(sub("Mailer", SubProcessorStatus.APPROVED))).build(),
				Map.of()).outcome()).isEqualTo(CheckOutcome.PASS);
		var verdict = check.evaluate(Inputs.complete()
			.subProcessors(List.of(sub("Mailer", SubProcessorStatus.APPROVED), sub("Texter", SubProcessorStatus.PENDING)))
			.build(), Map.of());
		assertThat(verdict.outcome()).isEqualTo(CheckOutcome.FAIL);
		assertThat(verdict.summary()).contains("Texter (pending)");
	}

	@Test
	void legalAcceptanceWhenEveryDocumentAcceptedThenPassWhenOneOverdueThenFail() {
		var check = new LegalAcceptanceCheck();
		var accepted = new DocumentStanding(DocumentKind.DEVELOPER_TERMS, null, 1, Inputs.NOW, StandingState.ACCEPTED, null);
		var overdue = new DocumentStanding(DocumentKind.DEVELOPER_POLICY, null, 1, Inputs.NOW, StandingState.OVERDUE, null);

		assertThat(check.evaluate(Inputs.complete().standing(List.of(accepted)).build(), Map.of()).outcome())
			.isEqualTo(CheckOutcome.PASS);
		var verdict = check.evaluate(Inputs.complete().standing(List.of(accepted, overdue)).build(), Map.of());
		assertThat(verdict.outcome()).isEqualTo(CheckOutcome.FAIL);
		assertThat(verdict.summary()).contains("Developer policy");
	}

	@Test
	void securityQuestionnaireWhenCompleteAndRecentThenPassWhenIncompleteOrOldPenTestThenFail() {
		var check = new SecurityQuestionnaireCheck();
		Map<String, Object> params = Map.of("maxPenTestAgeDays", 365);
		AppDraft base = TestApps.complete("X");

		assertThat(check.evaluate(Inputs.complete().build(), params).outcome()).isEqualTo(CheckOutcome.PASS);
		var old = new SecurityQuestionnaire(true, true, true, "sec@example.com", LocalDate.parse("2024-01-01"), null);
		assertThat(check.evaluate(Inputs.complete().draft(withSecurity(base, old)).build(), params).summary())
			.contains("older than 365 days");
		var incomplete = new SecurityQuestionnaire(true, null, true, "", LocalDate.parse("2026-10-01"), null);
		assertThat(check.evaluate(Inputs.complete().draft(withSecurity(base, incomplete)).build(), params).outcome())
			.isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void sensitiveRequestsWhenNoneThenPassWhenListingAsksForPasswordThenFail() {
		var check = new SensitiveRequestsCheck();

		assertThat(check.evaluate(Inputs.complete().build(), Map.of()).outcome()).isEqualTo(CheckOutcome.PASS);
		var verdict = check.evaluate(Inputs.complete().text("Reminders", "Enter your clinic PASSWORD and credit-card number "
				+ "during setup.").build(), Map.of());
		assertThat(verdict.outcome()).isEqualTo(CheckOutcome.FAIL);
		assertThat(verdict.evidence().get("found")).isEqualTo(Map.of("description", List.of("card number", "credit card", "password")));
	}

	@Test
	void sharingDeclarationWhenNotSharingOrConsentScopeThenPassWhenSellingWithoutConsentScopeThenFail() {
		var check = new SharingDeclarationCheck();
		AppDraft base = TestApps.complete("X");
		DataUse selling = new DataUse(base.dataUse().categories(), true, "to partners", true, List.of(), List.of(), false, null);

		assertThat(check.evaluate(Inputs.complete().build(), Map.of()).outcome()).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(Inputs.complete().draft(TestApps.withScopes(base, base.scopes(), selling)).build(), Map.of())
			.outcome()).isEqualTo(CheckOutcome.FAIL);
		var withConsent = TestApps.withScopes(base, List.of(base.scopes().getFirst(),
				new RequestedScope(TestApps.MARKETING.name(), "We share contacts with the partners you choose.", null)), selling);
		assertThat(check.evaluate(Inputs.complete().draft(withConsent).build(), Map.of()).outcome()).isEqualTo(CheckOutcome.PASS);
	}

	@Test
	void scopesVsPurposesWhenEveryCategoryDeclaredThenPassWhenScopeReachesUndeclaredCategoryThenFail() {
		var check = new ScopesVsPurposesCheck();
		AppDraft base = TestApps.complete("X");

		assertThat(check.evaluate(Inputs.complete().build(), Map.of()).outcome()).isEqualTo(CheckOutcome.PASS);
		var patients = TestApps.withScopes(base, List.of(base.scopes().getFirst(), new RequestedScope(
				TestApps.READ_PATIENTS.name(), "We read patient records to send their reminders.", "evidence")), base.dataUse());
		var verdict = check.evaluate(Inputs.complete().draft(patients).build(), Map.of());
		assertThat(verdict.outcome()).isEqualTo(CheckOutcome.FAIL);
		assertThat(verdict.evidence().get("undeclared")).isEqualTo(Map.of(TestApps.READ_PATIENTS.name(), List.of("patients", "health")));
		var declared = new DataUse(List.of(base.dataUse().categories().getFirst(),
				new DataUse.CategoryUse("patients", List.of("address the reminder"), LawfulBasis.CONTRACT, "30 days", "EU"),
				new DataUse.CategoryUse("health", List.of("say which treatment"), LawfulBasis.CONSENT, "30 days", "EU")),
				false, null, false, List.of(), List.of(), false, null);
		assertThat(check.evaluate(Inputs.complete().draft(TestApps.withScopes(patients, patients.scopes(), declared)).build(),
				Map.of()).outcome()).isEqualTo(CheckOutcome.PASS);
	}

	private static AppDraft withSecurity(AppDraft d, SecurityQuestionnaire q) {
		return new AppDraft(d.appType(), d.listing(), d.redirectUris(), d.webhookUrl(), d.scopes(), d.dataUse(), q);
	}

	private static SubProcessor sub(String name, SubProcessorStatus status) {
		return new SubProcessor(UUID.randomUUID(), AppId.random(), name, "sends mail", "IE", List.of("contacts"), status,
				Inputs.NOW, null, null, null);
	}

	private static byte[] png(int width, int height) {
		try {
			var image = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_ARGB);
			var out = new java.io.ByteArrayOutputStream();
			javax.imageio.ImageIO.write(image, "png", out);
			return out.toByteArray();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
