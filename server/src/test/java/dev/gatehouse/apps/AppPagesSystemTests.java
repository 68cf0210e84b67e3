package dev.gatehouse.apps;

import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.developers.OrganizationId;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.policy.LegalDocuments;
import dev.gatehouse.support.FullStackTest;
import dev.gatehouse.support.TestOrganizations;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.WebSession;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.gatehouse.support.WebSession.html;
import static dev.gatehouse.support.WebSession.location;
import static org.assertj.core.api.Assertions.assertThat;

/** The app pages over real HTTP: developers build and submit apps, operators review and enforce. */
class AppPagesSystemTests extends FullStackTest {

	@Autowired
	Accounts accounts;

	@Autowired
	DeveloperOrganizations organizations;

	@Autowired
	LegalDocuments legal;

	@Autowired
	AppRegistry registry;

	@Autowired
	ScopeCatalogue catalogue;

	@Autowired
	JdbcClient jdbc;

	TestUsers.Enrolled developer;

	OrganizationId org;

	@BeforeEach
	void developerOfAnOrganizationInGoodStanding() {
		TestApps.defineScopes(catalogue);
		developer = TestUsers.createWithTotp(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		org = TestOrganizations.inGoodStanding(developer.user(), organizations, legal).org();
	}

	@Test
	void newAppWhenTheFormIsSentThenTheAppIsCreatedAndListed() {
		var web = signIn(developer);
		String name = TestApps.uniqueName();

		assertThat(web.get("/developer/orgs/" + org + "/apps/new").statusCode()).isEqualTo(200);
		var created = web.post("/developer/orgs/" + org + "/apps/new", Map.of("name", name, "appType", "app"));

		assertThat(location(created)).matches("/developer/apps/[0-9a-f-]{36}/edit");
		var edit = web.follow(created);
		assertThat(html(edit).select("#listing\\.name").attr("value")).isEqualTo(name);
		assertThat(html(web.get("/developer/orgs/" + org + "/apps")).select("main table").text()).contains(name, "draft");
		assertThat(registry.ofOrganization(org)).extracting(App::name).containsExactly(name);
	}

	@Test
	void newAppWhenTheOrganizationHasNotAcceptedTheDocumentsThenTheMessageLinksToTheLegalPage() {
		var newcomer = TestUsers.createWithTotp(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		var newOrg = organizations.createFor("Org " + newcomer.email(), newcomer.user().id());
		var web = signIn(newcomer);
		web.get("/developer/orgs/" + newOrg + "/apps/new");

		var page = web.post("/developer/orgs/" + newOrg + "/apps/new", Map.of("name", "Some app", "appType", "app"));

		assertThat(page.statusCode()).isEqualTo(200);
		var alert = html(page).selectFirst("#legal-required");
		assertThat(alert).isNotNull();
		assertThat(alert.text()).contains("Accept the current");
		assertThat(alert.select("a").attr("href")).isEqualTo("/developer/legal");
		assertThat(html(page).select("#name").attr("value")).isEqualTo("Some app");
		assertThat(registry.ofOrganization(newOrg)).isEmpty();
	}

	@Test
	void editWhenARedirectUriIsPlainHttpAndAJustificationIsMissingThenBothErrorsShowAndEverythingTypedIsKept() {
		App app = registry.create(org, developer.user().id(), TestApps.complete(TestApps.uniqueName()));
		var web = signIn(developer);
		Document page = html(web.get("/developer/apps/" + app.id() + "/edit"));
		Map<String, String> form = fields(page.selectFirst("main form"));
		int patients = scopeRow(page, TestApps.READ_PATIENTS.name());
		form.put("listing.tagline", "A tagline typed just now");
		form.put("redirectUris", "https://reminders.example.com/oauth/callback\nhttp://evil.example.com/cb");
		form.put("scopes[" + patients + "].selected", "true");
		form.put("scopes[" + patients + "].evidence", "Our clinic partners asked for it.");
		form.put("security.notes", "Typed notes");

		var response = web.post("/developer/apps/" + app.id() + "/edit", form);

		assertThat(response.statusCode()).isEqualTo(200);
		Document doc = html(response);
		assertThat(doc.select("#problems").text()).contains("Nothing was saved");
		assertThat(errorAfter(doc, "#redirectUris")).contains("http://evil.example.com/cb", "Use https");
		assertThat(errorAfter(doc, "#scope-justification-" + patients)).contains("Say why the app needs");
		assertThat(doc.select("#listing\\.tagline").attr("value")).isEqualTo("A tagline typed just now");
		assertThat(doc.select("#redirectUris").val()).contains("http://evil.example.com/cb",
				"https://reminders.example.com/oauth/callback");
		assertThat(doc.select("#scope-" + patients).hasAttr("checked")).isTrue();
		assertThat(doc.select("#scope-evidence-" + patients).val()).isEqualTo("Our clinic partners asked for it.");
		int appointments = scopeRow(page, TestApps.READ_APPOINTMENTS.name());
		assertThat(doc.select("#scope-justification-" + appointments).val())
			.isEqualTo("We read appointments to schedule the reminders.");
		assertThat(doc.select("#security\\.notes").val()).isEqualTo("Typed notes");
		assertThat(doc.select("#listing\\.category option[selected]").val()).isEqualTo("Scheduling");
		assertThat(registry.draftRevision(registry.require(app.id())).orElseThrow().content().listing().tagline())
			.isEqualTo("Reminders for every appointment");
	}

	@Test
	void editWhenTheFormIsValidThenTheDraftIsSavedAndShown() {
		App app = registry.create(org, developer.user().id(), TestApps.complete(TestApps.uniqueName()));
		var web = signIn(developer);
		Map<String, String> form = fields(html(web.get("/developer/apps/" + app.id() + "/edit")).selectFirst("main form"));
		form.put("listing.tagline", "Fewer missed appointments");
		form.put("webhookUrl", "https://hooks.example.com/gatehouse");

		var saved = web.post("/developer/apps/" + app.id() + "/edit", form);

		assertThat(location(saved)).isEqualTo("/developer/apps/" + app.id());
		var overview = html(web.follow(saved));
		assertThat(overview.select(".notice").text()).contains("Saved revision 1");
		assertThat(overview.select("#draft .listing-tagline").text()).isEqualTo("Fewer missed appointments");
		assertThat(overview.select("#draft .webhook-url").text()).isEqualTo("https://hooks.example.com/gatehouse");
		assertThat(overview.select("#draft table.scopes").text()).contains(TestApps.READ_APPOINTMENTS.name(),
				"We read appointments to schedule the reminders.");
	}

	@Test
	void submitWhenTheDraftIsIncompleteThenEveryProblemIsShownWithItsField() {
		App app = registry.create(org, developer.user().id(),
				new AppDraft("app", new Listing(TestApps.uniqueName(), "", "", "", "", "", "", "", "", ""), null, null,
						null, null, null));
		var web = signIn(developer);
		web.get("/developer/apps/" + app.id());

		var submitted = web.post("/developer/apps/" + app.id() + "/submit", Map.of());

		var problems = html(web.follow(submitted)).select("#submit-problems");
		assertThat(problems.text()).contains("listing.tagline", "Write a one-line tagline.", "logo", "Upload a logo.",
				"redirectUris", "scopes", "security");
		assertThat(registry.require(app.id()).status()).isEqualTo(AppStatus.DRAFT);
	}

	@Test
	void reviewWhenOperatorStartsRequestsChangesAndApprovesThenEachStepIsRecorded() {
		App app = withLogo(registry.create(org, developer.user().id(), TestApps.complete(TestApps.uniqueName())));
		var dev = signIn(developer);
		dev.get("/developer/apps/" + app.id());
		assertThat(location(dev.post("/developer/apps/" + app.id() + "/submit", Map.of())))
			.isEqualTo("/developer/apps/" + app.id());
		assertThat(registry.require(app.id()).status()).isEqualTo(AppStatus.SUBMITTED);
		var reviewer = signIn(TestUsers.createWithTotp(accounts, UserKind.OPERATOR, Role.REVIEWER));
		String decisions = "/operator/apps/" + app.id() + "/decisions/";

		reviewer.get("/operator/apps/" + app.id());
		assertThat(location(reviewer.post(decisions + "start-review", Map.of()))).isEqualTo("/operator/apps/" + app.id());
		reviewer.get("/operator/apps/" + app.id());
		var withoutNote = reviewer.post(decisions + "request-changes", Map.of("note", " "));
		assertThat(withoutNote.statusCode()).isEqualTo(200);
		assertThat(html(withoutNote).select("#action-problems").text()).contains("Write down the changes required.");
		assertThat(registry.require(app.id()).status()).isEqualTo(AppStatus.IN_REVIEW);
		reviewer.post(decisions + "request-changes", Map.of("note", "Link the setup guide from the listing."));
		assertThat(registry.require(app.id()).status()).isEqualTo(AppStatus.CHANGES_REQUESTED);

		assertThat(html(dev.get("/developer/apps/" + app.id())).select("table.history").text())
			.contains("Link the setup guide from the listing.");
		dev.post("/developer/apps/" + app.id() + "/submit", Map.of());
		reviewer.get("/operator/apps/" + app.id());
		reviewer.post(decisions + "start-review", Map.of());
		reviewer.get("/operator/apps/" + app.id());
		assertThat(location(reviewer.post(decisions + "approve", Map.of("note", "Looks good"))))
			.isEqualTo("/operator/apps/" + app.id());

		assertThat(registry.require(app.id()).status()).isEqualTo(AppStatus.APPROVED);
		var page = html(dev.get("/developer/apps/" + app.id()));
		assertThat(page.select("h2").eachText()).contains("Live revision");
		assertThat(page.select("button").eachText()).contains("Publish");
		var operatorPage = html(reviewer.get("/operator/apps/" + app.id()));
		assertThat(operatorPage.select("summary").text()).contains("approved", "live");
		assertThat(operatorPage.select("button").eachText()).contains("Suspend", "Block", "Retire");
	}

	@Test
	void suspendWhenNoReasonIsGivenThenRefusedOnThePageAndWithOneThenSuspended() {
		App app = approved();
		var compliance = signIn(TestUsers.createWithTotp(accounts, UserKind.OPERATOR, Role.COMPLIANCE));
		compliance.get("/operator/apps/" + app.id());

		var refused = compliance.post("/operator/apps/" + app.id() + "/decisions/status", Map.of("to", "SUSPENDED", "reason", ""));
		assertThat(html(refused).select("#action-problems").text()).contains("Give a reason");
		compliance.post("/operator/apps/" + app.id() + "/decisions/status",
				Map.of("to", "SUSPENDED", "reason", "Unanswered breach questions"));

		assertThat(registry.require(app.id()).status()).isEqualTo(AppStatus.SUSPENDED);
		assertThat(html(compliance.get("/operator/apps/" + app.id())).select("button").eachText()).contains("Reinstate");
	}

	@Test
	void subProcessorWhenAddedByTheDeveloperThenQueuedForOperatorsAndTheirApprovalShowsToTheDeveloper() {
		App app = registry.create(org, developer.user().id(), TestApps.complete(TestApps.uniqueName()));
		String name = "MailRelay " + UUID.randomUUID().toString().substring(0, 6);
		var dev = signIn(developer);
		dev.get("/developer/apps/" + app.id());
		var refused = dev.follow(dev.post("/developer/apps/" + app.id() + "/subprocessors",
				Map.of("name", name, "purpose", "Sends reminder emails", "country", "Ireland", "dataCategories", "appointments")));
		assertThat(html(refused).select("#sub-country + .field-error").text()).contains("two-letter country code");
		assertThat(html(refused).select("#sub-name").attr("value")).isEqualTo(name);
		dev.post("/developer/apps/" + app.id() + "/subprocessors",
				Map.of("name", name, "purpose", "Sends reminder emails", "country", "ie", "dataCategories", "appointments, contacts"));

		var operator = signIn(TestUsers.createWithTotp(accounts, UserKind.OPERATOR, Role.COMPLIANCE));
		var queue = html(operator.get("/operator/subprocessors"));
		Element row = queue.select("main tbody tr").stream().filter(r -> r.text().contains(name)).findFirst().orElseThrow();
		assertThat(row.text()).contains(app.name(), "IE", "appointments, contacts");
		String action = row.select("form").first().attr("action");
		var rejectWithoutNote = operator.follow(operator.post(action, Map.of("approve", "false", "note", "")));
		assertThat(html(rejectWithoutNote).select(".field-error").text()).contains("Say why the sub-processor is refused.");
		assertThat(location(operator.post(action, Map.of("approve", "true")))).isEqualTo("/operator/subprocessors");

		assertThat(html(operator.get("/operator/subprocessors")).text()).doesNotContain(name);
		var developerPage = html(dev.get("/developer/apps/" + app.id()));
		Element sub = developerPage.select("#subprocessors tbody tr").stream()
			.filter(r -> r.text().contains(name)).findFirst().orElseThrow();
		assertThat(sub.select(".sub-status").text()).isEqualTo("approved");
	}

	@Test
	void scopesWhenComplianceDefinesOneThenItIsListedAndBadInputIsShownByItsField() {
		var compliance = signIn(TestUsers.createWithTotp(accounts, UserKind.OPERATOR, Role.COMPLIANCE));
		String name = "test.invoices.read" + UUID.randomUUID().toString().substring(0, 6);
		compliance.get("/operator/scopes");

		var bad = compliance.post("/operator/scopes", Map.of("name", "Bad Name", "description", "See your invoices",
				"tier", "BASIC", "dataCategories", "invoices"));
		assertThat(html(bad).select("#name + .field-error").text()).contains("lower-case letters");
		assertThat(html(bad).select("#description").attr("value")).isEqualTo("See your invoices");
		var saved = compliance.post("/operator/scopes", Map.of("name", name, "description", "See your invoices", "tier",
				"SENSITIVE", "dataCategories", "invoices, billing", "consentBearing", "true"));

		assertThat(location(saved)).isEqualTo("/operator/scopes");
		assertThat(html(compliance.get("/operator/scopes")).select("#scopes").text()).contains(name, "See your invoices",
				"sensitive", "invoices, billing", "consent-bearing");
		assertThat(catalogue.find(name)).hasValueSatisfying(s -> assertThat(s.consentBearing()).isTrue());
	}

	@Test
	void operatorPagesWhenACustomerOrADeveloperAsksThenForbidden() {
		var customer = signIn(TestUsers.createWithTotp(accounts, UserKind.CUSTOMER, Role.CUSTOMER_ADMIN));
		var dev = signIn(developer);

		assertThat(customer.get("/operator/apps").statusCode()).isEqualTo(403);
		assertThat(dev.get("/operator/apps").statusCode()).isEqualTo(403);
		assertThat(dev.get("/operator/subprocessors").statusCode()).isEqualTo(403);
		assertThat(customer.get("/developer/orgs/" + org + "/apps").statusCode()).isEqualTo(403);
	}

	@Test
	void reviewActionsWhenTheOperatorIsSupportThenForbidden() {
		App app = registry.create(org, developer.user().id(), TestApps.complete(TestApps.uniqueName()));
		var support = signIn(TestUsers.createWithTotp(accounts, UserKind.OPERATOR, Role.SUPPORT));

		assertThat(support.get("/operator/apps/" + app.id()).statusCode()).isEqualTo(200);
		assertThat(support.post("/operator/apps/" + app.id() + "/decisions/start-review", Map.of()).statusCode())
			.isEqualTo(403);
		assertThat(support.get("/operator/scopes").statusCode()).isEqualTo(403);
	}

	@Test
	void developerAppWhenAskedByADeveloperOfAnotherOrganizationThenNotFound() {
		App app = registry.create(org, developer.user().id(), TestApps.complete(TestApps.uniqueName()));
		var outsider = TestUsers.createWithTotp(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		organizations.createFor("Org " + outsider.email(), outsider.user().id());
		var web = signIn(outsider);

		assertThat(web.get("/developer/apps/" + app.id()).statusCode()).isEqualTo(404);
		assertThat(web.get("/developer/apps/" + app.id() + "/edit").statusCode()).isEqualTo(404);
		assertThat(web.get("/developer/orgs/" + org + "/apps").statusCode()).isEqualTo(404);
		web.get("/developer");
		assertThat(web.post("/developer/apps/" + app.id() + "/retire", Map.of("confirm", "true")).statusCode())
			.isEqualTo(404);
		assertThat(registry.require(app.id()).status()).isEqualTo(AppStatus.DRAFT);
	}

	private App withLogo(App app) {
		// Logo upload has no page yet; the registry only checks that the revision has one.
		jdbc.sql("update apps.revisions set logo_sha256 = 'test' where app_id = :id").param("id", app.id().value()).update();
		return app;
	}

	private App approved() {
		App app = withLogo(registry.create(org, developer.user().id(), TestApps.complete(TestApps.uniqueName())));
		registry.submit(app.id(), developer.user().id());
		registry.startReview(app.id(), "reviewer@example.test");
		registry.approve(app.id(), "reviewer@example.test", "ok");
		return registry.require(app.id());
	}

	/** What a browser would send for this form as it stands. */
	static Map<String, String> fields(Element form) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (Element input : form.select("input[name], textarea[name], select[name]")) {
			String name = input.attr("name");
			switch (input.tagName()) {
				case "textarea" -> fields.put(name, input.val());
				case "select" -> {
					Element selected = input.selectFirst("option[selected]");
					fields.put(name, selected != null ? selected.val() : input.select("option").first().val());
				}
				default -> {
					if (!input.attr("type").equals("checkbox") || input.hasAttr("checked")) {
						fields.put(name, input.val());
					}
				}
			}
		}
		return fields;
	}

	static int scopeRow(Document page, String scope) {
		List<Element> names = page.select("input[type=hidden][name^=scopes]");
		for (Element name : names) {
			if (name.val().equals(scope)) {
				return Integer.parseInt(name.attr("name").replaceAll("\\D", ""));
			}
		}
		throw new AssertionError("no row for " + scope);
	}

	private static String errorAfter(Document doc, String selector) {
		Element field = doc.selectFirst(selector);
		assertThat(field).as(selector).isNotNull();
		StringBuilder errors = new StringBuilder();
		for (Element next = field.nextElementSibling(); next != null && next.hasClass("field-error"); next = next.nextElementSibling()) {
			errors.append(next.text()).append(' ');
		}
		return errors.toString();
	}

}
