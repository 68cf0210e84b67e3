package dev.gatehouse.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.accesslog.AccessLog;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.marketplace.CustomerRole;
import dev.gatehouse.marketplace.Installation;
import dev.gatehouse.marketplace.Installations;
import dev.gatehouse.support.OAuthSystemTest;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.WebSession;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The customer's privacy page (filing, statuses, evidence export) and the operator's review of declines. */
class PrivacyPagesSystemTests extends OAuthSystemTest {

	@Autowired
	PrivacyRequests privacy;

	@Autowired
	Installations installations;

	@Autowired
	AccessLog accessLog;

	Installation installation;

	String subject;

	@BeforeEach
	void installedAppThatReadThePatient() {
		installation = installations.grant(clinic.id(), fixture.app().id(), Set.of(SCOPE), admin.id(), admin.email());
		subject = "patient-" + UUID.randomUUID().toString().substring(0, 8);
		accessLog.record(PrivacyRequestSystemTests.readPatient(installation, subject));
		accessLog.flush();
	}

	@Test
	void fileWhenInputBadThenFormShownAgainWithFieldErrorsAndWhatWasTyped() {
		WebSession browser = loggedIn(admin);
		browser.get("/customer-accounts/" + clinic.id() + "/privacy");

		var response = browser.post("/customer-accounts/" + clinic.id() + "/privacy",
				Map.of("kind", "RECTIFICATION", "subjectIds", "not a valid id", "changedFields", ""));

		assertThat(response.statusCode()).isEqualTo(422);
		var page = WebSession.html(response);
		assertThat(page.select("#subjectIds-error").text()).contains("subject ids");
		assertThat(page.select("#changedFields-error").text()).contains("fields");
		assertThat(page.select("#subjectIds").text()).isEqualTo("not a valid id");
		assertThat(page.select("#kind option[selected]").attr("value")).isEqualTo("RECTIFICATION");
		assertThat(privacy.ofAccount(clinic.id(), 10)).isEmpty();
	}

	@Test
	void fileWhenAdminFilesThenPageShowsEachRecipientsStatusAndExportHasTheOutcome() {
		WebSession browser = loggedIn(admin);
		browser.get("/customer-accounts/" + clinic.id() + "/privacy");

		var filed = browser.post("/customer-accounts/" + clinic.id() + "/privacy",
				Map.of("kind", "ERASURE", "subjectIds", subject + "\n", "changedFields", ""));

		assertThat(filed.statusCode()).isEqualTo(302);
		PrivacyRequest request = privacy.ofAccount(clinic.id(), 10).getFirst();
		var page = WebSession.html(browser.get("/customer-accounts/" + clinic.id() + "/privacy"));
		var article = page.select("#request-" + request.id());
		assertThat(page.select("p.notice").text()).contains("1 app was asked");
		assertThat(article.select("table.recipients caption").text()).isNotBlank();
		assertThat(article.select("table.recipients tbody th").text()).isEqualTo(fixture.app().name());
		assertThat(article.select("td.recipient-status").text()).isEqualTo("notified");

		privacy.complete(fixture.app().id(), request.id(), "Deleted the reminders of " + subject + ".", null, "app");
		var after = WebSession.html(browser.get("/customer-accounts/" + clinic.id() + "/privacy"));
		assertThat(after.select("#request-" + request.id() + " td.recipient-status").text()).isEqualTo("completed");
		assertThat(after.select("#request-" + request.id() + " .request-status").text()).isEqualTo("completed");

		var export = browser.get("/customer-accounts/" + clinic.id() + "/privacy/evidence.json");
		assertThat(export.statusCode()).isEqualTo(200);
		assertThat(export.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment");
		var json = oauth.json(export);
		var exported = json.get("requests").get(0);
		assertThat(exported.get("request").get("id").asString()).isEqualTo(request.id().toString());
		assertThat(exported.get("recipients").get(0).get("appName").asString()).isEqualTo(fixture.app().name());
		assertThat(exported.get("recipients").get(0).get("status").asString()).isEqualTo("COMPLETED");
		assertThat(exported.get("recipients").get(0).get("outcome").asString()).contains("Deleted the reminders");
		assertThat(exported.get("history").size()).isGreaterThanOrEqualTo(4);
	}

	@Test
	void pageWhenMemberThenNoFilingAndWhenStrangerThen404() {
		var member = TestUsers.create(accounts, UserKind.CUSTOMER, Role.CUSTOMER_ADMIN);
		customers.addMember(clinic.id(), member.id(), CustomerRole.MEMBER);
		var stranger = TestUsers.create(accounts, UserKind.CUSTOMER, Role.CUSTOMER_ADMIN);

		WebSession memberBrowser = loggedIn(member);
		var memberPage = memberBrowser.get("/customer-accounts/" + clinic.id() + "/privacy");
		var memberPost = memberBrowser.post("/customer-accounts/" + clinic.id() + "/privacy",
				Map.of("kind", "ERASURE", "subjectIds", subject));

		assertThat(memberPage.statusCode()).isEqualTo(200);
		assertThat(WebSession.html(memberPage).select("#file-request")).isEmpty();
		assertThat(memberPost.statusCode()).isEqualTo(403);
		assertThat(loggedIn(stranger).get("/customer-accounts/" + clinic.id() + "/privacy").statusCode()).isEqualTo(404);
		assertThat(loggedIn(stranger).get("/customer-accounts/" + clinic.id() + "/privacy/evidence.json").statusCode())
			.isEqualTo(404);
	}

	@Test
	void reviewWhenComplianceAcceptsDeclineThenRequestCompletes() {
		PrivacyRequest request = privacy.file(new FileRequestCommand(clinic.id(), RequestKind.ERASURE, List.of(subject), null),
				Filer.customer(admin.id(), admin.email()));
		privacy.decline(fixture.app().id(), request.id(), "We hold no copy: we only display appointments.", "app");
		var recipient = privacy.recipients(request.id()).getFirst();
		assertThat(privacy.find(request.id()).orElseThrow().status()).isEqualTo(RequestStatus.OPEN);
		WebSession operator = signIn(TestUsers.createWithTotp(accounts, UserKind.OPERATOR, Role.COMPLIANCE));

		var page = WebSession.html(operator.get("/operator/privacy"));
		assertThat(page.select("#declines").text()).contains("We hold no copy", fixture.app().name());
		var reviewed = operator.post("/operator/privacy/declines/" + recipient.id(),
				Map.of("decision", "accept", "note", "Display only, no storage."));

		assertThat(reviewed.statusCode()).isEqualTo(302);
		assertThat(privacy.recipients(request.id()).getFirst().reviewDecision()).isEqualTo("ACCEPTED");
		assertThat(privacy.find(request.id()).orElseThrow().status()).isEqualTo(RequestStatus.COMPLETED);
		assertThat(WebSession.html(operator.get("/operator/privacy")).select("#declines").text())
			.doesNotContain(fixture.app().name());
	}

	@Test
	void fileWhenOperatorFilesForAnAccountThenAppsAreAskedAndBadAccountIdIsAFieldError() {
		WebSession operator = signIn(TestUsers.createWithTotp(accounts, UserKind.OPERATOR, Role.COMPLIANCE));
		operator.get("/operator/privacy");

		var bad = operator.post("/operator/privacy", Map.of("accountId", "not-an-id", "kind", "ERASURE", "subjectIds", subject));
		var filed = operator.post("/operator/privacy",
				Map.of("accountId", clinic.id().toString(), "kind", "ERASURE", "subjectIds", subject));

		assertThat(bad.statusCode()).isEqualTo(422);
		assertThat(WebSession.html(bad).select("#accountId-error").text()).contains("customer account");
		assertThat(WebSession.html(bad).select("#subjectIds").text()).isEqualTo(subject);
		assertThat(filed.statusCode()).isEqualTo(302);
		PrivacyRequest request = privacy.ofAccount(clinic.id(), 1).getFirst();
		assertThat(request.filedByOperator()).isTrue();
		assertThat(privacy.recipients(request.id())).extracting(Recipient::appId).containsExactly(fixture.app().id().value());
	}

	@Test
	void fileWhenReviewerOperatorThenRefused() {
		WebSession reviewer = signIn(TestUsers.createWithTotp(accounts, UserKind.OPERATOR, Role.REVIEWER));
		reviewer.get("/operator/privacy");

		var response = reviewer.post("/operator/privacy",
				Map.of("accountId", clinic.id().toString(), "kind", "ERASURE", "subjectIds", subject));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(privacy.ofAccount(clinic.id(), 1)).isEmpty();
	}

}
