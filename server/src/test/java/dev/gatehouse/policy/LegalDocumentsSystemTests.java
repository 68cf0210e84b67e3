package dev.gatehouse.policy;

import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.developers.OrganizationId;
import dev.gatehouse.enforcement.Findings;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserAccount;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.policy.internal.ReacceptanceDeadlines;
import dev.gatehouse.support.FullStackTest;
import dev.gatehouse.support.TestUsers;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.gatehouse.support.WebSession.html;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LegalDocumentsSystemTests extends FullStackTest {

	@Autowired
	LegalDocuments documents;

	@Autowired
	DeveloperOrganizations organizations;

	@Autowired
	Accounts accounts;

	@Autowired
	Findings findings;

	@Autowired
	ReacceptanceDeadlines deadlines;

	@Autowired
	JdbcClient jdbc;

	@Test
	void firstStartWhenNothingWasPublishedThenTheReferencePackAndTemplatesAreInForce() {
		assertThat(documents.currentPack()).hasValueSatisfying(pack -> assertThat(pack.id()).isEqualTo("reference"));
		for (DocumentKind kind : DocumentKind.values()) {
			assertThat(documents.current(kind)).as(kind.slug()).isPresent();
		}
	}

	@Test
	void acceptWhenOwnerAcceptsEveryCurrentDocumentThenTheGateOpensAndTheEvidenceIsKept() {
		var owner = newOrganization();
		assertThatThrownBy(() -> documents.requireGoodStanding(owner.org()))
			.isInstanceOf(LegalAcceptanceRequiredException.class);

		acceptAll(owner);

		documents.requireGoodStanding(owner.org());
		var terms = documents.current(DocumentKind.DEVELOPER_TERMS).orElseThrow();
		assertThat(documents.acceptances(owner.org())).anySatisfy(record -> {
			assertThat(record.kind()).isEqualTo(DocumentKind.DEVELOPER_TERMS);
			assertThat(record.version()).isEqualTo(terms.version());
			assertThat(record.email()).isEqualTo(owner.user().email());
			assertThat(record.contentHash()).isEqualTo(terms.contentHash()).hasSize(64);
			assertThat(record.ip()).isEqualTo("198.51.100.7");
		});
	}

	@Test
	void publishWithoutNoticeWhenOrganizationAcceptedTheOldVersionThenAcceptanceIsRequiredAtOnce() {
		var owner = newOrganization();
		acceptAll(owner);

		var draft = documents.draft(DocumentKind.ACCEPTABLE_USE, "# Acceptable use\n\nNo spam. " + UUID.randomUUID(),
				"Tightened", "compliance@example.test");
		documents.publish(draft.id(), new PublishCommand(false, null, null), "compliance@example.test");

		assertThat(standing(owner, DocumentKind.ACCEPTABLE_USE).state()).isEqualTo(StandingState.ACCEPTANCE_REQUIRED);
		assertThatThrownBy(() -> documents.requireGoodStanding(owner.org()))
			.isInstanceOfSatisfying(LegalAcceptanceRequiredException.class,
					ex -> assertThat(ex.missing()).containsExactly(DocumentKind.ACCEPTABLE_USE));
		documents.accept(owner.org(), owner.user(), draft.id(), "198.51.100.7");
		documents.requireGoodStanding(owner.org());
	}

	@Test
	void publishWithNoticeThenMembersAreToldByMailAndInboxAndMayReacceptUntilTheDeadline() {
		var owner = newOrganization();
		acceptAll(owner);
		var draft = documents.draft(DocumentKind.DATA_PROCESSING, "# DPA\n\nNew clause " + UUID.randomUUID(),
				"Added a clause on sub-processors", "compliance@example.test");

		documents.publish(draft.id(), new PublishCommand(true, Instant.now(), 14), "compliance@example.test");

		var standing = standing(owner, DocumentKind.DATA_PROCESSING);
		assertThat(standing.state()).isEqualTo(StandingState.REACCEPT_BY_DEADLINE);
		assertThat(Duration.between(Instant.now(), standing.deadline())).isBetween(Duration.ofDays(13), Duration.ofDays(14));
		documents.requireGoodStanding(owner.org());
		assertThat(notifications.inbox(owner.user().id().value(), 10))
			.anySatisfy(item -> assertThat(item.title()).isEqualTo(draft.label() + " published"));
		var mails = mailTo(owner.user().email());
		assertThat(mails).anySatisfy(m -> assertThat(text(m)).contains("Added a clause on sub-processors").contains("/developer/legal"));
	}

	@Test
	void deadlineWhenPassedWithoutReacceptanceThenOneFindingIsFiled() {
		var owner = newOrganization();
		acceptAll(owner);
		var draft = documents.draft(DocumentKind.DEVELOPER_TERMS, "# Terms\n\nRevised " + UUID.randomUUID(), "Revised",
				"compliance@example.test");
		documents.publish(draft.id(), new PublishCommand(true, Instant.now(), 1), "compliance@example.test");
		jdbc.sql("update policy.document_versions set reaccept_by = now() - interval '1 minute' where id = :id")
			.param("id", draft.id())
			.update();

		assertThat(standing(owner, DocumentKind.DEVELOPER_TERMS).state()).isEqualTo(StandingState.OVERDUE);
		deadlines.fileOverdueFindings();
		deadlines.fileOverdueFindings();

		var filed = findings.forSubject("organization", owner.org().toString());
		assertThat(filed).singleElement().satisfies(f -> {
			assertThat(f.clauseId()).isEqualTo("PW-6");
			assertThat(f.source()).isEqualTo("flow.legal-acceptance");
			assertThat(f.evidence()).containsEntry("document", "developer-terms").containsEntry("currentVersion", draft.version());
		});
		assertThatThrownBy(() -> documents.requireGoodStanding(owner.org())).isInstanceOf(LegalAcceptanceRequiredException.class);
		// Reset the deadline so that organizations of other tests are not left overdue.
		jdbc.sql("update policy.document_versions set reaccept_by = now() + interval '30 days' where id = :id")
			.param("id", draft.id())
			.update();
	}

	@Test
	void draftWhenThePackIsInvalidThenEveryErrorNamesItsLineAndNothingIsSaved() {
		String broken = PolicyPackParserTests.VALID.replace("check.listing-required-fields", "check.crystal-ball")
			.replace("severity: medium", "severity: spicy");
		int before = documents.versions(DocumentKind.DEVELOPER_POLICY).size();

		assertThatThrownBy(() -> documents.draft(DocumentKind.DEVELOPER_POLICY, broken, "", "admin@example.test"))
			.isInstanceOfSatisfying(PolicyPackInvalidException.class, ex -> {
				assertThat(ex.errors()).hasSize(2);
				assertThat(ex.errors()).extracting(e -> e.line())
					.containsExactly(PolicyPackParserTests.lineOf(broken, "spicy"),
							PolicyPackParserTests.lineOf(broken, "crystal-ball"));
			});
		assertThat(documents.versions(DocumentKind.DEVELOPER_POLICY)).hasSize(before);
	}

	@Test
	void operatorPageWhenPackIsInvalidThenErrorsAreListedAndTheTextIsKept() {
		var admin = TestUsers.createWithTotp(accounts, UserKind.OPERATOR, Role.COMPLIANCE);
		var web = web();
		web.submitPassword(admin.email(), TestUsers.PASSWORD);
		web.get("/login/second-factor");
		web.post("/login/second-factor", Map.of("code", TestUsers.code(admin.secret(), 0)));
		web.get("/operator/legal/developer-policy");
		String broken = PolicyPackParserTests.VALID.replace("check.listing-required-fields", "check.crystal-ball");

		var page = web.post("/operator/legal/developer-policy/drafts", Map.of("content", broken, "changeSummary", "x"));

		var doc = html(page);
		assertThat(doc.select("#pack-errors li").text()).contains("line " + PolicyPackParserTests.lineOf(broken, "crystal-ball"))
			.contains("unknown mechanism 'check.crystal-ball'");
		assertThat(doc.select("#content").text()).contains("check.crystal-ball");
	}

	@Test
	void developerPageWhenOwnerAcceptsThroughThePageThenTheDocumentIsAccepted() {
		var owner = TestUsers.createWithTotp(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		var org = organizations.createFor("Org " + owner.email(), owner.user().id());
		var web = web();
		web.submitPassword(owner.email(), TestUsers.PASSWORD);
		web.get("/login/second-factor");
		web.post("/login/second-factor", Map.of("code", TestUsers.code(owner.secret(), 0)));
		var terms = documents.current(DocumentKind.DEVELOPER_TERMS).orElseThrow();

		assertThat(web.get("/developer/legal").body()).contains("acceptance required");
		web.post("/developer/legal/accept", Map.of("org", org.toString(), "version", terms.id().toString()));

		assertThat(documents.standing(org).stream().filter(s -> s.kind() == DocumentKind.DEVELOPER_TERMS).findFirst()
			.orElseThrow().state()).isEqualTo(StandingState.ACCEPTED);
	}

	private void acceptAll(Owner owner) {
		for (DocumentKind kind : DocumentKind.values()) {
			documents.accept(owner.org(), owner.user(), documents.current(kind).orElseThrow().id(), "198.51.100.7");
		}
	}

	private DocumentStanding standing(Owner owner, DocumentKind kind) {
		return documents.standing(owner.org()).stream().filter(s -> s.kind() == kind).findFirst().orElseThrow();
	}

	private Owner newOrganization() {
		var user = TestUsers.create(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		return new Owner(user, organizations.createFor("Org " + user.email(), user.id()));
	}

	record Owner(UserAccount user, OrganizationId org) {
	}

}
