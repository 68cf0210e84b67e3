package dev.gatehouse.enforcement;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.apps.AppStatus;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.policy.pack.PenaltyAction;
import dev.gatehouse.support.AppFixtures;
import dev.gatehouse.support.FullStackTest;
import dev.gatehouse.support.TestUsers;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.gatehouse.support.WebSession.html;
import static dev.gatehouse.support.WebSession.location;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * While its organization is suspended, an app of the organization neither goes live nor into the
 * marketplace, whoever asks; reinstating the organization gives both back. Over the real pages.
 */
class DeveloperSuspensionHoldsAppsSystemTests extends FullStackTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	Accounts accounts;

	@Autowired
	AppRegistry registry;

	@Autowired
	Violations violations;

	@Autowired
	JdbcClient jdbc;

	TestUsers.Enrolled developer;

	App app;

	@BeforeEach
	void appOfADeveloperInGoodStanding() {
		developer = TestUsers.createWithTotp(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		app = AppFixtures.draftAppOf(context, developer.user());
		jdbc.sql("update apps.revisions set logo_sha256 = 'test' where app_id = :id and logo_sha256 is null")
			.param("id", app.id().value())
			.update();
	}

	@Test
	void approveWhileTheOrganizationIsSuspendedIsRefusedOnThePageAndWorksAfterReinstatement() {
		registry.submit(app.id(), developer.user().id());
		registry.startReview(app.id(), "reviewer");
		Violation violation = suspendTheOrganization();
		var reviewer = signIn(TestUsers.createWithTotp(accounts, UserKind.OPERATOR, Role.REVIEWER));
		String approve = "/operator/apps/" + app.id() + "/decisions/approve";
		reviewer.get("/operator/apps/" + app.id());

		var refused = reviewer.post(approve, Map.of("note", "Looks good"));

		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(html(refused).select("#action-problems").text())
			.contains("The developer organization is suspended", "cannot be approved");
		assertThat(registry.require(app.id()).status()).isEqualTo(AppStatus.IN_REVIEW);
		assertThat(registry.require(app.id()).liveRevisionId()).isNull();

		violations.reinstate(violation.id(), "Reviews removed; controls in place.", "compliance@example.com");
		reviewer.get("/operator/apps/" + app.id());

		assertThat(location(reviewer.post(approve, Map.of("note", "Looks good")))).isEqualTo("/operator/apps/" + app.id());
		assertThat(registry.require(app.id()).status()).isEqualTo(AppStatus.APPROVED);
	}

	@Test
	void publishWhileTheOrganizationIsSuspendedIsRefusedWithAFieldErrorAndWorksAfterReinstatement() {
		AppFixtures.approve(context, new AppFixtures.DraftApp(developer.user(), app.organizationId(), app));
		Violation violation = suspendTheOrganization();
		assertThat(registry.require(app.id()).status()).isEqualTo(AppStatus.SUSPENDED);
		// An operator may put a single app back while the organization stays suspended: still no listing.
		registry.changeStatus(app.id(), AppStatus.APPROVED, "compliance@example.com", "Checked separately.");
		var dev = signIn(developer);
		String page = "/developer/apps/" + app.id();
		dev.get(page);

		var refused = dev.post(page + "/publish", Map.of());

		assertThat(location(refused)).isEqualTo(page);
		assertThat(html(dev.follow(refused)).select("#publish-error").text())
			.contains("The developer organization is suspended", "cannot be listed in the marketplace");
		assertThat(registry.require(app.id()).status()).isEqualTo(AppStatus.APPROVED);
		assertThat(registry.bySlug(registry.require(app.id()).slug())).hasValueSatisfying(
				a -> assertThat(a.status()).isNotEqualTo(AppStatus.PUBLISHED));

		violations.reinstate(violation.id(), "Reviews removed; controls in place.", "compliance@example.com");
		dev.get(page);
		dev.post(page + "/publish", Map.of());

		assertThat(registry.require(app.id()).status()).isEqualTo(AppStatus.PUBLISHED);
	}

	private Violation suspendTheOrganization() {
		Violation violation = violations.open(new Violations.NewViolation(clause(), "organization",
				app.organizationId().toString(), "reviewer", "Fake reviews bought for every app.", List.of(), List.of(),
				false, false), "compliance@example.com");
		violations.decide(violation.id(), new Violations.Decision(PenaltyAction.DEVELOPER_SUSPENSION,
				"Fraudulent reviews across the organization.", null, Set.of()), "compliance@example.com");
		return violation;
	}

	private String clause() {
		return violations.clauses().isEmpty() ? "DP-5" : violations.clauses().getFirst().id();
	}

}
