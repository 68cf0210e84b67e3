package dev.gatehouse.incidents;

import static dev.gatehouse.accesslog.TestCalls.call;
import static dev.gatehouse.accesslog.TestCalls.onRoute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.accesslog.AccessLog;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserAccount;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.marketplace.CustomerAccount;
import dev.gatehouse.marketplace.Installation;
import dev.gatehouse.marketplace.Installations;
import dev.gatehouse.shared.findings.FindingReported;
import dev.gatehouse.support.OAuthSystemTest;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.WebSession;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The incident flow over real HTTP, real SMTP (GreenMail) and the real access log: the app
 * self-reports through the app API, the blast radius comes from its lineage, the notice reaches
 * exactly the affected accounts' admins, each send is tracked, the clocks run against the pack, the
 * dossier exports, and the intake facts cannot be changed.
 */
@RecordApplicationEvents
class IncidentFlowSystemTests extends OAuthSystemTest {

	@Autowired
	AccessLog accessLog;

	@Autowired
	Installations installations;

	@Autowired
	Incidents incidents;

	@Autowired
	ApplicationEvents events;

	final JsonMapper json = JsonMapper.builder().build();

	final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	UserAccount adminB;

	UserAccount adminC;

	CustomerAccount second;

	CustomerAccount untouched;

	Installation inClinic;

	Installation inSecond;

	Installation inUntouched;

	/**
	 * Three accounts with the app installed: the clinic (three subjects in the window, health and
	 * contact data), a second account (one subject) and a third whose only touch is before the window.
	 */
	@BeforeEach
	void lineageInTwoAccounts() {
		adminB = TestUsers.create(accounts, UserKind.CUSTOMER, Role.CUSTOMER_ADMIN);
		adminC = TestUsers.create(accounts, UserKind.CUSTOMER, Role.CUSTOMER_ADMIN);
		second = customers.create("Second " + UUID.randomUUID().toString().substring(0, 8), adminB.id());
		untouched = customers.create("Untouched " + UUID.randomUUID().toString().substring(0, 8), adminC.id());
		inClinic = installations.grant(clinic.id(), fixture.app().id(), Set.of(SCOPE), admin.id(), admin.email());
		inSecond = installations.grant(second.id(), fixture.app().id(), Set.of(SCOPE), adminB.id(), adminB.email());
		inUntouched = installations.grant(untouched.id(), fixture.app().id(), Set.of(SCOPE), adminC.id(), adminC.email());
		UUID app = fixture.app().id().value();
		accessLog.record(call(app, inClinic.id().value(), clinic.id().value(), now.minusSeconds(3000), "pat-1", "pat-2"));
		accessLog.record(onRoute(call(app, inClinic.id().value(), clinic.id().value(), now.minusSeconds(2000), "pat-2", "pat-3"),
				"patients.read", List.of("patients:read"), List.of("health", "contact"), 900));
		accessLog.record(call(app, inSecond.id().value(), second.id().value(), now.minusSeconds(1000), "pat-9"));
		accessLog.record(call(app, inUntouched.id().value(), untouched.id().value(), now.minus(Duration.ofDays(3)), "pat-5"));
		accessLog.flush();
	}

	@Test
	void selfReportWhenTheAppTouchedTwoAccountsThenExactlyTheirAdminsAreNotifiedAndEachSendIsTracked() throws Exception {
		var reported = report("{\"title\":\"Leaked export\",\"discoveredAt\":\"%s\",\"windowFrom\":\"%s\",\"windowTo\":\"%s\","
				+ "\"dataCategories\":[\"health\",\"contact\"],\"description\":\"An export was public.\","
				+ "\"containment\":\"Made private.\",\"contact\":\"security@app.example\"}");
		assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
		JsonNode body = json.readTree(reported.body());
		assertThat(body.get("selfReported").asBoolean()).isTrue();
		assertThat(body.get("affectedAccounts").asInt()).isEqualTo(2);
		assertThat(body.get("affectedSubjects").asLong()).isEqualTo(4);
		var id = new IncidentId(UUID.fromString(body.get("id").asString()));
		Incident incident = incidents.require(id);
		assertThat(incident.selfReported()).isTrue();
		assertThat(incident.reportedBy()).startsWith("app:" + fixture.app().id());

		var snapshot = incidents.currentSnapshot(id).orElseThrow();
		var affected = incidents.affectedAccounts(snapshot.id());
		assertThat(affected).extracting(a -> a.accountId())
			.containsExactlyInAnyOrder(clinic.id().value(), second.id().value());
		var clinicRow = affected.stream().filter(a -> a.accountId().equals(clinic.id().value())).findFirst().orElseThrow();
		assertThat(clinicRow.subjects()).isEqualTo(3);
		assertThat(clinicRow.touches()).isEqualTo(4);
		assertThat(clinicRow.subjectsPerCategory()).isEqualTo(Map.of("appointments", 2L, "health", 2L, "contact", 2L));
		// Reported over HTTP, so the finding is read where the enforcement module recorded it.
		assertThat(jdbc.sql("""
				select source || ' ' || (evidence ->> 'selfReported') from enforcement.findings
				where dedup_key = :key and subject_id = :app""")
			.param("key", "incident:" + id)
			.param("app", fixture.app().id().toString())
			.query(String.class)
			.list()).containsExactly("incident true");

		incidents.draft(id, "compliance@test");
		var preview = incidents.preview(id, clinic.id().value(), "{{reference}} for {{account}}", "{{subjects}} subject(s): {{subject_counts}}");
		assertThat(preview.subject()).isEqualTo(incident.reference() + " for " + clinic.name());
		assertThat(preview.body()).contains("3 subject(s)", "health: 2");
		assertThat(incidents.send(id, "compliance@test")).isEqualTo(2);

		assertThat(mailTo(admin.email())).singleElement()
			.satisfies(m -> assertThat(m.getSubject()).contains(incident.reference(), clinic.name()));
		assertThat(text(mailTo(admin.email()).getFirst())).contains("3 data subject(s)", "Made private.");
		assertThat(mailTo(adminB.email())).singleElement()
			.satisfies(m -> assertThat(m.getSubject()).contains(incident.reference(), second.name()));
		assertThat(mailTo(adminC.email())).isEmpty();
		assertThat(notifications.inbox(adminB.id().value(), 10)).anySatisfy(item -> assertThat(item.title()).contains(incident.reference()));
		assertThat(notifications.inbox(adminC.id().value(), 10)).noneSatisfy(item -> assertThat(item.title()).contains(incident.reference()));

		incidents.checkClocks(Instant.now());
		assertThat(incidents.notices(id)).hasSize(2).allSatisfy(n -> assertThat(n.status()).isEqualTo(Notice.Status.SENT));
		assertThat(incidents.require(id).customersNotifiedAt()).isNotNull();

		// The clinic's admin follows the tracked link in the mail: that notice is read, the other is not.
		String link = linkInMail(admin.email(), "/customer-accounts/" + clinic.id() + "/incidents/" + id);
		var browser = loggedIn(admin);
		var page = WebSession.html(browser.get(link));
		assertThat(page.select("#your-data").text()).contains("3 data subject(s)");
		assertThat(page.select("#affected-subjects").text()).contains("pat-1", "pat-2", "pat-3").doesNotContain("pat-9");
		assertThat(incidents.notices(id)).extracting(Notice::email, Notice::status)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(admin.email(), Notice.Status.READ),
					org.assertj.core.groups.Tuple.tuple(adminB.email(), Notice.Status.SENT));
		assertThat(WebSession.html(browser.get("/customer-accounts/" + clinic.id() + "/incidents")).select("#incidents").text())
			.contains(incident.reference());

		// The untouched account sees nothing of it.
		var third = loggedIn(adminC);
		assertThat(third.get("/customer-accounts/" + untouched.id() + "/incidents/" + id).statusCode()).isEqualTo(404);
		assertThat(incidents.timeline(id)).extracting(TimelineEntry::type)
			.contains("incident.opened", "blast_radius.computed", "notice.drafted", "campaign.sent", "notice.sent",
					"customers.notified", "notice.read");
	}

	@Test
	void clocksWhenTheLimitPassesThenOverdueOnceWithAFindingAndMetLateOnceDone() {
		Incident incident = openByOperator(now.minusSeconds(3600), now);
		Duration limit = incidents.notificationLimit();
		Instant aware = incident.platformAwareAt();

		var early = incidents.clocksAt(incident, aware.plus(Duration.ofHours(1)));
		assertThat(early.authority().state()).isEqualTo(IncidentClock.State.RUNNING);
		assertThat(early.authority().dueAt()).isEqualTo(aware.plus(limit));
		assertThat(early.customers().state()).isEqualTo(IncidentClock.State.RUNNING);

		Instant late = aware.plus(limit).plusSeconds(60);
		assertThat(incidents.clocksAt(incident, late).authority().state()).isEqualTo(IncidentClock.State.OVERDUE);
		incidents.checkClocks(late);
		incidents.checkClocks(late.plusSeconds(600));
		assertThat(events.stream(FindingReported.class)
			.filter(f -> f.dedupKey().equals("incident:" + incident.id() + ":authority-overdue"))).hasSize(1);
		assertThat(events.stream(FindingReported.class)
			.filter(f -> f.dedupKey().equals("incident:" + incident.id() + ":customers-overdue"))).hasSize(1);
		Incident marked = incidents.require(incident.id());
		assertThat(marked.authorityOverdueAt()).isNotNull();
		assertThat(marked.customersOverdueAt()).isNotNull();

		incidents.recordAuthorityNotified(incident.id(), Instant.now(), "SA-2026-17", "compliance@test");
		incidents.draft(incident.id(), "compliance@test");
		incidents.send(incident.id(), "compliance@test");
		Incident done = incidents.require(incident.id());
		var clocks = incidents.clocksAt(done, late.plus(Duration.ofDays(1)));
		// Real time is well within the limit, so done now means met, however late the what-if clock says it is.
		assertThat(clocks.authority().state()).isEqualTo(IncidentClock.State.MET);
		assertThat(clocks.customers().state()).isEqualTo(IncidentClock.State.MET);
		assertThat(clocks.customers().stoppedAt()).isEqualTo(done.customersNotifiedAt());
	}

	@Test
	void windowWhenWidenedThenANewSnapshotFindsTheThirdAccountAndOnlyItIsNotifiedNext() {
		Incident incident = openByOperator(now.minus(Duration.ofHours(2)), now);
		incidents.draft(incident.id(), "compliance@test");
		assertThat(incidents.send(incident.id(), "compliance@test")).isEqualTo(2);
		assertThat(incidents.require(incident.id()).customersNotifiedAt()).isNotNull();

		var form = new IntakeCommand(incident.title(), List.of(), incident.discoveredAt(), now.minus(Duration.ofDays(4)),
				incident.windowTo(), incident.dataCategories(), incident.description(), "Rotated every key.",
				incident.contact(), null);
		incidents.amend(incident.id(), form, "compliance@test");

		assertThat(incidents.snapshots(incident.id())).hasSize(2).filteredOn(s -> s.current()).singleElement()
			.satisfies(s -> assertThat(s.accounts()).isEqualTo(3));
		assertThat(incidents.require(incident.id()).customersNotifiedAt()).as("a new account is owed a notice").isNull();
		incidents.draft(incident.id(), "compliance@test");
		assertThat(incidents.send(incident.id(), "compliance@test")).isEqualTo(1);
		assertThat(mailTo(adminC.email())).hasSize(1);
		assertThat(mailTo(adminB.email())).hasSize(1);
		assertThat(incidents.require(incident.id()).customersNotifiedAt()).isNotNull();
	}

	@Test
	void dossierWhenExportedThenJsonAndPdfHoldTheAffectedAccountsNoticesAndTimeline() throws Exception {
		Incident incident = openByOperator(now.minus(Duration.ofHours(2)), now);
		incidents.draft(incident.id(), "compliance@test");
		incidents.send(incident.id(), "compliance@test");
		var operator = signIn(TestUsers.createWithTotp(accounts, UserKind.OPERATOR, Role.COMPLIANCE));

		var exported = operator.get("/operator/incidents/" + incident.id() + "/dossier.json");
		assertThat(exported.statusCode()).isEqualTo(200);
		JsonNode dossier = json.readTree(exported.body());
		assertThat(dossier.at("/incident/reference").asString()).isEqualTo(incident.reference());
		assertThat(dossier.at("/incident/selfReported").asBoolean()).isFalse();
		assertThat(dossier.at("/snapshots/0/accounts").findValuesAsString("accountName"))
			.containsExactlyInAnyOrder(clinic.name(), second.name());
		assertThat(dossier.at("/snapshots/0/subjects").size()).isEqualTo(4);
		assertThat(dossier.get("notices").size()).isEqualTo(2);
		assertThat(dossier.get("timeline").findValuesAsString("type")).contains("incident.opened", "campaign.sent");
		assertThat(dossier.at("/clocks/authority/state").asString()).isEqualTo("RUNNING");

		var pdf = operator.get("/operator/incidents/" + incident.id() + "/dossier.pdf");
		assertThat(pdf.statusCode()).isEqualTo(200);
		assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
		try (PDDocument document = Loader.loadPDF(incidents.dossierPdf(incident.id()))) {
			String text = new PDFTextStripper().getText(document);
			// Cells wrap long addresses; the check reads the text without line breaks.
			assertThat(text.replaceAll("\\s+", "")).contains(admin.email(), adminB.email());
			assertThat(text).contains(incident.reference(), clinic.name(), second.name())
				.doesNotContain(untouched.name());
		}

		var detail = WebSession.html(operator.get("/operator/incidents/" + incident.id()));
		assertThat(detail.select("#affected-accounts").text()).contains(clinic.name(), second.name());
		assertThat(detail.select("#notice-statuses").text()).contains(admin.email(), adminB.email());
		assertThat(WebSession.html(operator.get("/operator/incidents")).select("#incident-" + incident.id()).text())
			.contains(incident.reference(), "running");
	}

	@Test
	void selfReportedFlagWhenChangedBySqlOrAmendedThenItStaysAsReported() {
		Incident incident = openByOperator(now.minus(Duration.ofHours(2)), now);

		assertThatThrownBy(() -> jdbc.sql("update incidents.incidents set self_reported = true where id = :id")
			.param("id", incident.id().value())
			.update()).isInstanceOf(DataAccessException.class).hasMessageContaining("never changed");
		assertThatThrownBy(() -> jdbc.sql("update incidents.incidents set platform_aware_at = now() - interval '1 day' where id = :id")
			.param("id", incident.id().value())
			.update()).isInstanceOf(DataAccessException.class);
		assertThatThrownBy(() -> jdbc.sql("delete from incidents.timeline where incident_id = :id")
			.param("id", incident.id().value())
			.update()).isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");

		incidents.amend(incident.id(), new IntakeCommand("Renamed", List.of(), incident.discoveredAt(),
				incident.windowFrom(), incident.windowTo(), incident.dataCategories(), incident.description(),
				incident.containment(), incident.contact(), null), "compliance@test");
		Incident after = incidents.require(incident.id());
		assertThat(after.title()).isEqualTo("Renamed");
		assertThat(after.selfReported()).isFalse();
		assertThat(after.platformAwareAt()).isEqualTo(incident.platformAwareAt());
		assertThat(after.reportedBy()).isEqualTo(incident.reportedBy());
	}

	@Test
	void appApiWhenTheReportIsIncompleteThenProblemJsonNamesTheFieldsAndNothingIsOpened() {
		var response = report("{\"title\":\"\",\"discoveredAt\":\"%s\",\"windowFrom\":\"%s\",\"windowTo\":\"%s\","
				+ "\"dataCategories\":[\"Health Data!\"],\"description\":\"x\",\"containment\":\"y\",\"contact\":\"\"}");
		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
		assertThat(response.body()).contains("title", "dataCategories", "contact");
		assertThat(incidents.ofApp(fixture.app().id(), 10)).isEmpty();

		var anonymous = oauth.send(HttpRequest.newBuilder(oauth.uri("/api/app/v1/incidents"))
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.header("Content-Type", "application/json"));
		assertThat(anonymous.statusCode()).isEqualTo(401);
	}

	@Test
	void developerPageWhenAMemberReportsThenSelfReportedAndOthersGet404() {
		var developer = TestUsers.createWithTotp(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		var app = dev.gatehouse.support.AppFixtures.draftAppOf(context, developer.user());
		var browser = signIn(developer);
		String page = "/developer/orgs/" + app.organizationId() + "/incidents";
		assertThat(browser.get(page).statusCode()).isEqualTo(200);
		var bad = browser.post(page, Map.of("title", "", "apps", app.id().toString()));
		assertThat(bad.statusCode()).isEqualTo(422);
		assertThat(WebSession.html(bad).select("#title-error").text()).isNotBlank();

		var reported = browser.post(page, Map.of("title", "Token leaked in a log", "apps", app.id().toString(),
				"discoveredAt", local(now.minusSeconds(600)), "windowFrom", local(now.minus(Duration.ofDays(1))),
				"windowTo", local(now), "dataCategories", "contact", "description", "A token was logged.",
				"containment", "Revoked.", "contact", developer.email()));
		assertThat(reported.statusCode()).as(reported.body()).isEqualTo(302);
		Incident incident = incidents.ofApp(app.id(), 1).getFirst();
		assertThat(incident.selfReported()).isTrue();
		assertThat(incident.reportedBy()).isEqualTo(developer.email());
		assertThat(WebSession.html(browser.get(WebSession.location(reported))).select("#self-reported").text()).isEqualTo("yes");

		var stranger = signIn(TestUsers.createWithTotp(accounts, UserKind.DEVELOPER, Role.DEVELOPER));
		assertThat(stranger.get(page).statusCode()).isEqualTo(404);
		assertThat(stranger.get(page + "/" + incident.id()).statusCode()).isEqualTo(404);
	}

	@Test
	void operatorPagesWhenTheNoticeIsReviewedThenPreviewFillsItInUnknownPlaceholdersAreRefusedAndSendReachesTheAdmins() {
		var operator = signIn(TestUsers.createWithTotp(accounts, UserKind.OPERATOR, Role.COMPLIANCE));
		operator.get("/operator/incidents");
		var opened = operator.post("/operator/incidents", Map.of("title", "Found in a scan", "appIds",
				fixture.app().id().toString(), "discoveredAt", local(now), "windowFrom", local(now.minus(Duration.ofHours(2))),
				"windowTo", local(now), "dataCategories", "health", "description", "Open bucket.", "containment", "Closed.",
				"contact", "security@app.example"));
		assertThat(opened.statusCode()).as(opened.body()).isEqualTo(302);
		String path = WebSession.location(opened);
		Incident incident = incidents.ofApp(fixture.app().id(), 1).getFirst();
		assertThat(incident.selfReported()).isFalse();

		operator.get(path);
		operator.post(path + "/notice/draft", Map.of());
		var preview = WebSession.html(operator.post(path + "/notice", Map.of("subject", "{{reference}}: {{account}}",
				"body", "{{subjects}} of your subjects", "action", "preview")));
		assertThat(preview.select("#notice-preview").text()).contains(incident.reference() + ": ", "subjects")
			.containsAnyOf(clinic.name(), second.name());
		var refused = operator.post(path + "/notice", Map.of("subject", "{{referense}}", "body", "Hello", "action", "save"));
		assertThat(refused.statusCode()).isEqualTo(422);
		assertThat(WebSession.html(refused).select("#subject-error").text()).contains("referense");
		assertThat(operator.post(path + "/notice", Map.of("subject", "Incident {{reference}}", "body",
				"Dear {{account}}: {{subject_counts}}", "action", "save")).statusCode()).isEqualTo(302);
		assertThat(operator.post(path + "/notice/send", Map.of()).statusCode()).isEqualTo(302);

		assertThat(mailTo(adminB.email())).singleElement()
			.satisfies(m -> assertThat(m.getSubject()).isEqualTo("Incident " + incident.reference()));
		assertThat(text(mailTo(adminB.email()).getFirst())).contains("Dear " + second.name() + ": appointments: 1");
		assertThat(mailTo(adminC.email())).isEmpty();
		assertThat(WebSession.html(operator.get(path)).select("#notice-statuses").text()).contains(admin.email(),
				adminB.email());
	}

	private Incident openByOperator(Instant from, Instant to) {
		return incidents.open(new IntakeCommand("Found by an audit", List.of(fixture.app().id().value()), to, from, to,
				List.of("health"), "Credentials were found in a public repository.", "Rotated.", "security@app.example",
				null), Reporter.operator(UUID.randomUUID(), "compliance@test"));
	}

	private HttpResponse<String> report(String template) {
		var tokens = oauth.token(client.clientId(), client.secret(), Map.of("grant_type", "client_credentials", "scope", SCOPE));
		String token = oauth.json(tokens).get("access_token").asString();
		String body = template.formatted(now.minusSeconds(300), now.minus(Duration.ofHours(2)), now);
		return oauth.send(HttpRequest.newBuilder(oauth.uri("/api/app/v1/incidents"))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json"));
	}

	private static String local(Instant instant) {
		return instant.atOffset(java.time.ZoneOffset.UTC).toLocalDateTime().truncatedTo(ChronoUnit.MINUTES).toString();
	}

}
