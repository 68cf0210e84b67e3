package dev.gatehouse.review;

import dev.gatehouse.apps.AppDraft;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.apps.RequestedScope;
import dev.gatehouse.apps.ScopeTier;
import dev.gatehouse.apps.TestApps;
import dev.gatehouse.enforcement.Finding;
import dev.gatehouse.enforcement.Findings;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.policy.LegalDocuments;
import dev.gatehouse.policy.pack.PolicyPack;
import dev.gatehouse.shared.web.InputRejectedException;
import dev.gatehouse.support.AppFixtures;
import dev.gatehouse.support.FullStackTest;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.WebSession;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Audits by risk tier, evidence requests with their deadlines and findings, and the compliance report. */
class AuditsSystemTests extends FullStackTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	AppRegistry registry;

	@Autowired
	Audits audits;

	@Autowired
	AppChecks checks;

	@Autowired
	ComplianceReports reports;

	@Autowired
	Findings findings;

	@Autowired
	LegalDocuments legal;

	@Autowired
	JdbcClient jdbc;

	@Test
	void scheduleWhenLiveForHundredDaysThenRestrictedAppAuditedAndBasicAppNot() {
		var basic = liveApp(null);
		var restricted = liveApp(new RequestedScope(TestApps.READ_PATIENTS.name(),
				"We read patient records to address each reminder.", "DPIA reference 2026-11"));
		wentLiveDaysAgo(basic, 100);
		wentLiveDaysAgo(restricted, 100);

		audits.openDueAudits();

		List<Audit> restrictedAudits = audits.ofApp(restricted.app().id());
		assertThat(restrictedAudits).singleElement().satisfies(a -> {
			assertThat(a.tier()).isEqualTo(ScopeTier.RESTRICTED);
			assertThat(a.reason()).isEqualTo("SCHEDULED");
			assertThat(a.open()).isTrue();
		});
		assertThat(audits.ofApp(basic.app().id())).isEmpty();
		assertThat(audits.nextDue(registry.require(basic.app().id())).orElseThrow())
			.isCloseTo(Instant.now().plus(Duration.ofDays(265)), within(Duration.ofHours(1)));
		List<String> auditClauses = pack().clauses()
			.stream()
			.filter(c -> c.mechanisms().stream().anyMatch(m -> m.id().equals("flow.audit")))
			.map(PolicyPack.Clause::id)
			.toList();
		assertThat(audits.evidenceRequestsOf(restrictedAudits.getFirst().id())).extracting(EvidenceRequest::clauseId)
			.containsExactlyInAnyOrderElementsOf(auditClauses);
		// the next round opens nothing more: the audit is open and the interval starts again from it
		audits.openDueAudits();
		assertThat(audits.ofApp(restricted.app().id())).hasSize(1);
		assertThat(audits.nextDue(registry.require(restricted.app().id())).orElseThrow())
			.isCloseTo(Instant.now().plus(Duration.ofDays(90)), within(Duration.ofHours(1)));
	}

	@Test
	void evidenceWhenDeadlineNearsThenOneReminderWhenMissedThenOverdueAndOneFinding() {
		var fixture = liveApp(null);
		String clause = clauseUsing("flow.evidence-request");
		var request = audits.requestEvidence(fixture.app().id(), null, clause, "Send your latest penetration test report.",
				"compliance@test");
		assertThat(request.dueAt()).isCloseTo(Instant.now().plus(Duration.ofDays(pack().deadlines().evidenceRequestDays())),
				within(Duration.ofMinutes(5)));

		moveDue(request, Instant.now().plus(Duration.ofDays(1)));
		audits.runDeadlinesNow();
		audits.runDeadlinesNow();
		assertThat(mailTo(fixture.developer().email())).filteredOn(m -> subject(m).startsWith("Evidence due")).hasSize(1);
		assertThat(evidenceFindings(fixture)).isEmpty();

		moveDue(request, Instant.now().minusSeconds(60));
		audits.runDeadlinesNow();
		audits.runDeadlinesNow();

		assertThat(audits.requireRequest(request.id()).status()).isEqualTo("OVERDUE");
		assertThat(evidenceFindings(fixture)).singleElement().satisfies(f -> {
			assertThat(f.clauseId()).isEqualTo(clause);
			assertThat(f.evidence()).containsEntry("request", request.id().toString());
		});
		assertThat(mailTo(fixture.developer().email())).filteredOn(m -> subject(m).startsWith("Evidence deadline missed")).hasSize(1);
	}

	@Test
	void evidenceWhenPdfUploadedThenStoredAndWhenHtmlUploadedThenRefused() {
		var fixture = liveApp(null);
		var request = audits.requestEvidence(fixture.app().id(), null, clauseUsing("flow.evidence-request"), "Your DPA.",
				"compliance@test");
		byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);

		assertThatThrownBy(() -> audits.submitEvidence(request.id(), fixture.developer().id(), "here",
				List.of(new EvidenceUpload("dpa.pdf", html)))).isInstanceOf(InputRejectedException.class)
			.hasMessageContaining("not a PDF");
		audits.submitEvidence(request.id(), fixture.developer().id(), "Signed DPA attached.",
				List.of(new EvidenceUpload("../../dpa.pdf", "%PDF-1.7\n%stub".getBytes(StandardCharsets.US_ASCII))));

		assertThat(audits.requireRequest(request.id()).status()).isEqualTo("ANSWERED");
		assertThat(audits.files(request.id())).singleElement().satisfies(f -> {
			assertThat(f.fileName()).isEqualTo("dpa.pdf");
			assertThat(f.contentType()).isEqualTo("application/pdf");
		});
		audits.decideEvidence(request.id(), true, null, "compliance@test");
		assertThat(audits.requireRequest(request.id()).status()).isEqualTo("ACCEPTED");
	}

	@Test
	void evidenceWhenFileOverTheUploadLimitThenPageWithTheLimitAndWayBackAndNothingStored() {
		var developer = TestUsers.createWithTotp(context.getBean(Accounts.class), UserKind.DEVELOPER, Role.DEVELOPER);
		var app = AppFixtures.draftAppOf(context, developer.user());
		AppFixtures.approve(context, new AppFixtures.DraftApp(developer.user(), app.organizationId(), app));
		var request = audits.requestEvidence(app.id(), null, clauseUsing("flow.evidence-request"), "Your DPA.",
				"compliance@test");
		var web = signIn(developer);
		String page = "/developer/apps/" + app.id() + "/review";
		web.get(page);
		byte[] pdf = new byte[11 * 1024 * 1024];
		byte[] magic = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(magic, 0, pdf, 0, magic.length);

		var response = web.postFile(page + "/evidence/" + request.id() + "?_csrf=" + web.csrf(), "files", "dpa.pdf",
				"application/pdf", pdf);

		// refused by the container before any controller: a 413 page with the limits and the way back
		assertThat(response.statusCode()).isEqualTo(413);
		var refusal = WebSession.html(response);
		assertThat(refusal.select("h1").text()).isEqualTo("The upload is too large");
		assertThat(refusal.select("#error-message").text()).contains("at most 10 MB");
		assertThat(refusal.select("main a").attr("href")).isEqualTo(page + "#evidence");
		assertThat(audits.files(request.id())).isEmpty();
		assertThat(audits.requireRequest(request.id()).awaitingDeveloper()).isTrue();
	}

	@Test
	void auditWhenLineMarkedFailedThenCannotPassAndClosingReportsAFindingFoundByTheAudit() {
		var fixture = liveApp(null);
		Audit audit = audits.open(fixture.app().id(), "ON_DEMAND", "compliance@test").orElseThrow();
		assertThat(audits.open(fixture.app().id(), "ON_DEMAND", "compliance@test")).isEmpty();
		String clause = pack().clauses().getFirst().id();
		audits.mark(audit.id(), clause, CheckOutcome.FAIL, "Data kept longer than declared.", "compliance@test");

		assertThatThrownBy(() -> audits.close(audit.id(), AuditOutcome.PASSED, null, "compliance@test"))
			.hasMessageContaining("marked failed");
		audits.close(audit.id(), AuditOutcome.PASSED_WITH_FINDINGS, "One retention problem.", "compliance@test");

		assertThat(audits.require(audit.id()).open()).isFalse();
		assertThat(findings.forSubject("app", fixture.app().id().toString())).filteredOn(f -> f.source().equals("flow.audit"))
			.singleElement()
			.satisfies(f -> {
				assertThat(f.clauseId()).isEqualTo(clause);
				assertThat(f.evidence()).containsEntry("auditFound", true);
			});
	}

	@Test
	void complianceReportWhenExportedAsPdfThenItOpensWithTheClauseTable() throws Exception {
		var fixture = liveApp(null);
		ReviewFixtures.checkedRun(context, DOMAIN, ReviewFixtures.key(), fixture.app().id(),
				registry.require(fixture.app().id()).liveRevisionId());
		audits.requestEvidence(fixture.app().id(), null, clauseUsing("flow.evidence-request"), "Proof of encryption at rest.",
				"compliance@test");

		ComplianceReport report = reports.report(fixture.app().id());
		byte[] pdf = reports.pdf(fixture.app().id());

		assertThat(report.clauses()).hasSize(pack().clauses().size());
		assertThat(report.clauses()).anySatisfy(c -> assertThat(c.latestResults()).isNotEmpty());
		try (var document = Loader.loadPDF(pdf)) {
			String text = new PDFTextStripper().getText(document);
			assertThat(text).contains("Compliance report: " + fixture.app().name(), "Clauses", "Clause", "Mechanisms",
					"Latest results", "Evidence requests", "Proof of encryption at rest.");
			for (PolicyPack.Clause clause : pack().clauses()) {
				assertThat(text).contains(clause.id());
			}
		}
	}

	private AppFixtures.DraftApp liveApp(RequestedScope extra) {
		String key = ReviewFixtures.key();
		var fixture = ReviewFixtures.localApp(context, DOMAIN, key);
		if (extra != null) {
			AppDraft base = ReviewFixtures.withScope(ReviewFixtures.unreachable(TestApps.complete(fixture.app().name()), key),
					extra);
			var categories = new java.util.ArrayList<>(base.dataUse().categories());
			for (String category : List.of("patients", "health")) {
				categories.add(new dev.gatehouse.apps.DataUse.CategoryUse(category, List.of("address the reminder"),
						dev.gatehouse.apps.LawfulBasis.CONSENT, "30 days", "EU"));
			}
			AppDraft draft = TestApps.withScopes(base, base.scopes(), new dev.gatehouse.apps.DataUse(categories, false, null,
					false, List.of(new dev.gatehouse.apps.DataUse.SensitiveCategory("health",
							"The reminder names the treatment the patient booked.")), List.of(), false, null));
			registry.update(fixture.app().id(), fixture.developer().id(), draft);
		}
		AppFixtures.approve(context, fixture);
		ReviewFixtures.awaitIdle(checks, fixture.app().id(), registry.require(fixture.app().id()).liveRevisionId());
		return fixture;
	}

	private void wentLiveDaysAgo(AppFixtures.DraftApp fixture, int days) {
		jdbc.sql("update apps.revisions set decided_at = now() - make_interval(days => :days) where app_id = :id")
			.param("days", days)
			.param("id", fixture.app().id().value())
			.update();
	}

	private void moveDue(EvidenceRequest request, Instant due) {
		jdbc.sql("update review.evidence_requests set due_at = :due where id = :id")
			.param("due", java.sql.Timestamp.from(due))
			.param("id", request.id())
			.update();
	}

	private List<Finding> evidenceFindings(AppFixtures.DraftApp fixture) {
		return findings.forSubject("app", fixture.app().id().toString())
			.stream()
			.filter(f -> f.source().equals("flow.evidence-request"))
			.toList();
	}

	private PolicyPack pack() {
		return legal.currentPack().orElseThrow();
	}

	private String clauseUsing(String mechanism) {
		return pack().clauses()
			.stream()
			.filter(c -> c.mechanisms().stream().anyMatch(m -> m.id().equals(mechanism)))
			.map(PolicyPack.Clause::id)
			.findFirst()
			.orElseThrow();
	}

	private static String subject(jakarta.mail.internet.MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
