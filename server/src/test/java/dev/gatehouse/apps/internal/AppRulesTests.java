package dev.gatehouse.apps.internal;

import dev.gatehouse.apps.AppDraft;
import dev.gatehouse.apps.DataUse;
import dev.gatehouse.apps.FieldProblem;
import dev.gatehouse.apps.LawfulBasis;
import dev.gatehouse.apps.Listing;
import dev.gatehouse.apps.RequestedScope;
import dev.gatehouse.apps.SecurityQuestionnaire;
import dev.gatehouse.apps.TestApps;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class AppRulesTests {

	private static final Set<String> TYPES = Set.of("app", "chatbot");

	@Test
	void onSubmitWhenDraftIsCompleteThenNoProblems() {
		assertThat(submit(TestApps.complete("Reminder Bot"))).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://app.example.com/callback", "https://app.example.com:8443/cb?x=1",
			"http://localhost:3000/callback", "http://127.0.0.1:8080/cb", "http://[::1]:9000/cb" })
	void redirectUriWhenExactHttpsOrLoopbackThenAccepted(String uri) {
		assertThat(AppRules.redirectUriProblem(uri)).isNull();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"http://app.example.com/callback|plain http is only allowed on localhost",
			"https://*.example.com/callback|Wildcards are not allowed",
			"https://app.example.com/callback#done|must not contain a fragment",
			"javascript:alert(1)|The javascript: scheme is not allowed",
			"data:text/html,hi|The data: scheme is not allowed",
			"/relative/callback|Use an absolute URI",
			"https://user:pw@app.example.com/cb|must not contain a user name",
			"https://app.example.com/a b|not a valid URI",
			"ftp://app.example.com/cb|Use an https redirect URI",
			"' https://app.example.com/cb'|without spaces" })
	void redirectUriWhenBreakingARuleThenRefusedWithTheReason(String uri, String reason) {
		assertThat(AppRules.redirectUriProblem(uri)).contains(reason);
	}

	@Test
	void redirectUrisWhenListedTwiceOrTooManyThenRefused() {
		var twice = TestApps.withRedirects(TestApps.complete("X App"), List.of("https://a.example.com/cb", "https://a.example.com/cb"));
		var many = TestApps.withRedirects(TestApps.complete("X App"),
				java.util.stream.IntStream.range(0, 11).mapToObj(i -> "https://a.example.com/cb" + i).toList());

		assertThat(save(twice)).extracting(FieldProblem::field).containsExactly("redirectUris[1]");
		assertThat(save(many)).extracting(FieldProblem::field).contains("redirectUris");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "http://hooks.example.com/in|must be an https URL",
			"https://10.0.0.5/in|not an IP address", "https://user:pw@hooks.example.com/in|must not contain credentials",
			"not a url at all|not a valid URL" })
	void webhookUrlWhenNotHttpsWithAHostNameThenRefused(String url, String reason) {
		var draft = TestApps.complete("Hook App");
		var changed = new AppDraft("app", draft.listing(), draft.redirectUris(), url, draft.scopes(), draft.dataUse(),
				draft.security());

		assertThat(save(changed)).singleElement().satisfies(p -> {
			assertThat(p.field()).isEqualTo("webhookUrl");
			assertThat(p.message()).contains(reason);
		});
	}

	@Test
	void onSaveWhenListingFieldsAreMalformedThenEachIsNamed() {
		var listing = new Listing("X", "ok tagline", "short", "Astrology", "http://insecure.example.com",
				"ftp://privacy.example.com", "https://terms.example.com", "not-an-email", "https://support.example.com",
				"https://setup.example.com");
		var draft = TestApps.complete("irrelevant");
		var bad = new AppDraft("spaceship", listing, draft.redirectUris(), draft.webhookUrl(), draft.scopes(),
				draft.dataUse(), draft.security());

		assertThat(save(bad)).extracting(FieldProblem::field)
			.containsExactlyInAnyOrder("appType", "listing.name", "listing.description", "listing.category",
					"listing.website", "listing.privacyPolicyUrl", "listing.supportEmail");
	}

	@Test
	void onSubmitWhenRequiredListingFieldsAndLogoAreMissingThenEachIsNamed() {
		var draft = TestApps.complete("Some App");
		var empty = new AppDraft("app", Listing.empty(), List.of(), null, List.of(), DataUse.none(),
				SecurityQuestionnaire.unanswered());

		var problems = AppRules.onSubmit(empty, TestApps.catalogue(), TYPES, 20, false);

		assertThat(problems).extracting(FieldProblem::field)
			.contains("listing.name", "listing.privacyPolicyUrl", "listing.supportEmail", "listing.setupUrl", "logo",
					"redirectUris", "scopes", "security");
		assertThat(draft).isNotNull();
	}

	@Test
	void onSubmitWhenJustificationIsShortOrRestrictedScopeLacksEvidenceThenRefused() {
		var draft = TestApps.withScopes(TestApps.complete("Chart App"),
				List.of(new RequestedScope(TestApps.READ_APPOINTMENTS.name(), "because", null),
						new RequestedScope(TestApps.READ_PATIENTS.name(), "We display the patient's chart to the nurse.", " ")),
				dataUseFor("appointments", "patients", "health"));

		assertThat(submit(draft)).extracting(FieldProblem::field)
			.containsExactly("scopes[0].justification", "scopes[1].evidence");
	}

	@Test
	void onSaveWhenScopeIsUnknownOrRepeatedThenRefused() {
		var draft = TestApps.withScopes(TestApps.complete("Scope App"),
				List.of(new RequestedScope("test.mind.read", "We would love to read minds of people.", null),
						new RequestedScope(TestApps.READ_APPOINTMENTS.name(), "We read appointments for reminders.", null),
						new RequestedScope(TestApps.READ_APPOINTMENTS.name(), "We read appointments for reminders.", null)),
				dataUseFor("appointments"));

		assertThat(save(draft)).extracting(FieldProblem::message)
			.containsExactly("Unknown scope 'test.mind.read'.", "'test.appointments.read' is requested twice.");
	}

	@Test
	void onSubmitWhenAReachedDataCategoryIsNotDeclaredThenRefused() {
		var draft = TestApps.withScopes(TestApps.complete("Chart App"),
				List.of(new RequestedScope(TestApps.READ_PATIENTS.name(), "We display the patient's chart to the nurse.",
						"Pen test report 2026-09")),
				dataUseFor("patients"));

		assertThat(submit(draft)).extracting(FieldProblem::message)
			.containsExactly("Declare how you use health data: your scopes reach it.");
	}

	@Test
	void onSubmitWhenDataIsSoldWithoutAConsentBearingScopeThenRefusedAndWithOneAccepted() {
		var base = TestApps.complete("Sell App");
		var selling = new DataUse(base.dataUse().categories(), false, null, true, List.of(), List.of(), false, null);
		var withoutConsent = TestApps.withScopes(base, base.scopes(), selling);
		var consentScope = new RequestedScope(TestApps.MARKETING.name(), "Customers opt in to share contacts with partners.", null);
		var withConsent = TestApps.withScopes(base, List.of(base.scopes().getFirst(), consentScope),
				new DataUse(List.of(base.dataUse().categories().getFirst(), category("contacts")), false, null, true,
						List.of(), List.of(), false, null));

		assertThat(submit(withoutConsent)).extracting(FieldProblem::field).containsExactly("dataUse.sellsData");
		assertThat(submit(withConsent)).isEmpty();
	}

	@Test
	void onSubmitWhenPaymentScopeWithoutPaymentDeclarationThenRefused() {
		var draft = TestApps.withScopes(TestApps.complete("Pay App"),
				List.of(new RequestedScope(TestApps.CHARGE.name(), "We charge the deposit when the client books.", null)),
				dataUseFor("payments"));

		assertThat(submit(draft)).extracting(FieldProblem::field).containsExactly("dataUse.paymentDescription");
	}

	@Test
	void onSubmitWhenDeclaredCategoryLacksPurposeBasisRetentionOrRegionThenEachIsNamed() {
		var draft = TestApps.withScopes(TestApps.complete("Vague App"), TestApps.complete("x").scopes(),
				new DataUse(List.of(new DataUse.CategoryUse("appointments", List.of(" "), null, "", null)), true, "",
						false, List.of(new DataUse.SensitiveCategory("health", "")), List.of(), false, null));

		assertThat(submit(draft)).extracting(FieldProblem::field)
			.containsExactly("dataUse.categories[0].purposes", "dataUse.categories[0].lawfulBasis",
					"dataUse.categories[0].retention", "dataUse.categories[0].storageRegion",
					"dataUse.sharingDescription", "dataUse.sensitiveCategories[0].justification");
	}

	private static List<FieldProblem> save(AppDraft draft) {
		return AppRules.onSave(draft, TestApps.catalogue(), TYPES);
	}

	private static List<FieldProblem> submit(AppDraft draft) {
		return AppRules.onSubmit(draft, TestApps.catalogue(), TYPES, 20, true);
	}

	private static DataUse dataUseFor(String... categories) {
		return new DataUse(java.util.Arrays.stream(categories).map(AppRulesTests::category).toList(), false, null, false,
				List.of(), List.of(), false, null);
	}

	private static DataUse.CategoryUse category(String name) {
		return new DataUse.CategoryUse(name, List.of("provide the service"), LawfulBasis.CONTRACT, "1 year", "EU");
	}

}
