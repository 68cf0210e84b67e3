package dev.gatehouse.apps;

import dev.gatehouse.auditlog.AuditLog;
import dev.gatehouse.auditlog.AuditQuery;
import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.developers.OrganizationId;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserAccount;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.policy.LegalAcceptanceRequiredException;
import dev.gatehouse.policy.LegalDocuments;
import dev.gatehouse.support.TestOrganizations;
import dev.gatehouse.support.TestUsers;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest
class AppRegistryIntegrationTests {

	@Autowired
	AppRegistry registry;

	@Autowired
	ScopeCatalogue catalogue;

	@Autowired
	Accounts accounts;

	@Autowired
	DeveloperOrganizations organizations;

	@Autowired
	LegalDocuments legal;

	@Autowired
	AuditLog auditLog;

	@Autowired
	JdbcClient jdbc;

	UserAccount developer;

	OrganizationId org;

	@BeforeEach
	void organizationInGoodStanding() {
		TestApps.defineScopes(catalogue);
		developer = TestUsers.create(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		org = TestOrganizations.inGoodStanding(developer, organizations, legal).org();
	}

	@Test
	void createWhenTheOrganizationHasNotAcceptedTheCurrentDocumentsThenRefused() {
		var newcomer = TestUsers.create(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		var newOrg = organizations.createFor("Org " + newcomer.email(), newcomer.id());

		assertThatThrownBy(() -> registry.create(newOrg, newcomer.id(), TestApps.complete(TestApps.uniqueName())))
			.isInstanceOf(LegalAcceptanceRequiredException.class);
		assertThat(registry.ofOrganization(newOrg)).isEmpty();
	}

	@Test
	void createWhenCalledBySomeoneOutsideTheOrganizationThenNotFound() {
		var outsider = TestUsers.create(accounts, UserKind.DEVELOPER, Role.DEVELOPER);

		assertThatThrownBy(() -> registry.create(org, outsider.id(), TestApps.complete(TestApps.uniqueName())))
			.isInstanceOf(dev.gatehouse.shared.web.NotFoundException.class);
	}

	@Test
	void createWhenNameIsTakenThenRefused() {
		String name = TestApps.uniqueName();
		registry.create(org, developer.id(), TestApps.complete(name));

		assertThatThrownBy(() -> registry.create(org, developer.id(), TestApps.complete(name.toUpperCase())))
			.isInstanceOfSatisfying(AppRejectedException.class, ex -> assertThat(ex.field()).isEqualTo("listing.name"));
	}

	@Test
	void lifecycleWhenReviewedThenEachStepIsGuardedAndRecorded() {
		App app = submitted();
		assertThat(registry.require(app.id()).status()).isEqualTo(AppStatus.SUBMITTED);

		assertThatThrownBy(() -> registry.approve(app.id(), "reviewer@example.test", "ok"))
			.isInstanceOf(AppRejectedException.class).hasMessageContaining("in review");
		assertThatThrownBy(() -> registry.publish(app.id(), "dev")).hasMessageContaining("cannot become published");
		registry.startReview(app.id(), "reviewer@example.test");
		registry.requestChanges(app.id(), "reviewer@example.test", "Link the setup guide from the listing.");
		assertThat(registry.require(app.id()).status()).isEqualTo(AppStatus.CHANGES_REQUESTED);
		registry.update(app.id(), developer.id(), TestApps.complete(app.name()));
		registry.submit(app.id(), developer.id());
		registry.startReview(app.id(), "reviewer@example.test");
		registry.approve(app.id(), "reviewer@example.test", "Looks good");
		registry.publish(app.id(), "dev");

		assertThat(registry.require(app.id()).status()).isEqualTo(AppStatus.PUBLISHED);
		assertThat(registry.history(app.id())).filteredOn(h -> h.toStatus() != null).extracting(HistoryEntry::toStatus)
			.containsSequence(AppStatus.PUBLISHED, AppStatus.APPROVED, AppStatus.IN_REVIEW, AppStatus.SUBMITTED,
					AppStatus.CHANGES_REQUESTED);
		assertThat(auditLog.find(AuditQuery.forTarget("app:" + app.id())).entries()).extracting(e -> e.action())
			.contains("apps.app.created", "apps.revision.submitted", "apps.revision.changes_requested",
					"apps.revision.approved", "apps.app.status_changed");
	}

	@Test
	void changeStatusWhenSuspendedThenOnlyAllowedMovesExistAndAReasonIsRequired() {
		App app = approved();

		assertThatThrownBy(() -> registry.changeStatus(app.id(), AppStatus.SUSPENDED, "ops", " "))
			.hasMessageContaining("Give a reason");
		registry.changeStatus(app.id(), AppStatus.SUSPENDED, "ops", "Unanswered breach questions");
		assertThatThrownBy(() -> registry.publish(app.id(), "dev")).hasMessageContaining("suspended cannot become published");
		registry.changeStatus(app.id(), AppStatus.APPROVED, "ops", "Questions answered");
		registry.retire(app.id(), developer.id());
		assertThatThrownBy(() -> registry.changeStatus(app.id(), AppStatus.APPROVED, "ops", "undo"))
			.hasMessageContaining("retired cannot become approved");
	}

	@Test
	void submitWhenDraftIsIncompleteThenEveryProblemIsReported() {
		App app = registry.create(org, developer.id(), new AppDraft("app",
				new Listing(TestApps.uniqueName(), "", "", "", "", "", "", "", "", ""), List.of(), null, List.of(), null, null));

		assertThatThrownBy(() -> registry.submit(app.id(), developer.id()))
			.isInstanceOfSatisfying(AppRejectedException.class, ex -> assertThat(ex.problems()).extracting(FieldProblem::field)
				.contains("listing.tagline", "listing.privacyPolicyUrl", "logo", "redirectUris", "scopes", "security"));
		assertThat(registry.require(app.id()).status()).isEqualTo(AppStatus.DRAFT);
	}

	@Test
	void updateWhenTheAppIsLiveAndScopesChangeThenANewRevisionAwaitsReviewAndTheLiveOneStays() {
		App app = approved();
		Revision live = registry.liveRevision(registry.require(app.id())).orElseThrow();
		var wider = TestApps.withScopes(TestApps.complete(app.name()),
				List.of(live.content().scopes().getFirst(),
						new RequestedScope(TestApps.CHARGE.name(), "We charge the deposit when a client books.", null)),
				new DataUse(List.of(live.content().dataUse().categories().getFirst(),
						new DataUse.CategoryUse("payments", List.of("take deposits"), LawfulBasis.CONTRACT, "7 years", "EU")),
						false, null, false, List.of(), List.of(), true, "Card payments through our PSP."));

		Revision draft = registry.update(app.id(), developer.id(), wider);

		App after = registry.require(app.id());
		assertThat(draft.number()).isEqualTo(live.number() + 1);
		assertThat(after.liveRevisionId()).isEqualTo(live.id());
		assertThat(after.draftRevisionId()).isEqualTo(draft.id());
		assertThat(after.status()).isEqualTo(AppStatus.APPROVED);
		assertThat(registry.liveRevision(after).orElseThrow().content().scopes()).extracting(RequestedScope::scope)
			.containsExactly(TestApps.READ_APPOINTMENTS.name());
		registry.submit(app.id(), developer.id());
		registry.startReview(app.id(), "reviewer");
		registry.approve(app.id(), "reviewer", "payments reviewed");
		assertThat(registry.liveRevision(registry.require(app.id())).orElseThrow().content().scopes()).hasSize(2);
		assertThat(registry.revisions(app.id())).extracting(Revision::state)
			.containsExactly(RevisionState.APPROVED, RevisionState.SUPERSEDED);
	}

	@Test
	void subProcessorWhenAddedThenPendingUntilApprovedAndOnlyApprovedOnesAreShown() {
		App app = approved();

		var pending = registry.addSubProcessor(app.id(), developer.id(), "MailRelay Ltd", "Sends reminder emails", "ie",
				List.of("appointments"));
		var other = registry.addSubProcessor(app.id(), developer.id(), "CheapSMS", "Sends text messages", "US",
				List.of("appointments"));

		assertThat(pending.status()).isEqualTo(SubProcessorStatus.PENDING);
		assertThat(pending.country()).isEqualTo("IE");
		assertThat(registry.approvedSubProcessors(app.id())).isEmpty();
		assertThat(registry.pendingSubProcessors()).extracting(SubProcessor::id).contains(pending.id(), other.id());
		assertThat(registry.require(app.id()).draftRevisionId()).as("a live app's new sub-processor opens a revision").isNotNull();
		registry.decideSubProcessor(pending.id(), true, "compliance@example.test", "DPA on file");
		assertThatThrownBy(() -> registry.decideSubProcessor(other.id(), false, "compliance@example.test", ""))
			.hasMessageContaining("Say why");
		registry.decideSubProcessor(other.id(), false, "compliance@example.test", "No data processing agreement");
		assertThat(registry.approvedSubProcessors(app.id())).extracting(SubProcessor::name).containsExactly("MailRelay Ltd");
		assertThatThrownBy(() -> registry.decideSubProcessor(pending.id(), false, "x", "again"))
			.hasMessageContaining("already decided");
	}

	@Test
	void addSubProcessorWhenCountryOrCategoriesAreMissingThenRefused() {
		App app = registry.create(org, developer.id(), TestApps.complete(TestApps.uniqueName()));

		assertThatThrownBy(() -> registry.addSubProcessor(app.id(), developer.id(), "X", "y", "Ireland", List.of("a")))
			.isInstanceOfSatisfying(AppRejectedException.class, ex -> assertThat(ex.field()).isEqualTo("country"));
		assertThatThrownBy(() -> registry.addSubProcessor(app.id(), developer.id(), "X", "y", "IE", List.of(" ")))
			.isInstanceOfSatisfying(AppRejectedException.class, ex -> assertThat(ex.field()).isEqualTo("dataCategories"));
	}

	private App submitted() {
		App app = registry.create(org, developer.id(), TestApps.complete(TestApps.uniqueName()));
		jdbc.sql("update apps.revisions set logo_sha256 = 'test' where app_id = :id").param("id", app.id().value()).update();
		registry.submit(app.id(), developer.id());
		return app;
	}

	private App approved() {
		App app = submitted();
		registry.startReview(app.id(), "reviewer");
		registry.approve(app.id(), "reviewer", "ok");
		return registry.require(app.id());
	}

}
