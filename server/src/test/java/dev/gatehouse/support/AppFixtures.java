package dev.gatehouse.support;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.apps.ScopeCatalogue;
import dev.gatehouse.apps.TestApps;
import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.developers.OrganizationId;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserAccount;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.policy.LegalDocuments;

import org.springframework.context.ApplicationContext;

/**
 * The usual starting point of app tests: the test scopes defined, a developer whose organization
 * accepted every current document, and one complete app in draft. Built through the facades.
 */
public final class AppFixtures {

	private AppFixtures() {
	}

	public static DraftApp draftApp(ApplicationContext context) {
		TestApps.defineScopes(context.getBean(ScopeCatalogue.class));
		UserAccount developer = TestUsers.create(context.getBean(Accounts.class), UserKind.DEVELOPER, Role.DEVELOPER);
		App app = draftAppOf(context, developer);
		return new DraftApp(developer, app.organizationId(), app);
	}

	/** A complete draft app of a new organization in good standing that {@code developer} founds. */
	public static App draftAppOf(ApplicationContext context, UserAccount developer) {
		TestApps.defineScopes(context.getBean(ScopeCatalogue.class));
		OrganizationId org = TestOrganizations.inGoodStanding(developer, context.getBean(DeveloperOrganizations.class),
				context.getBean(LegalDocuments.class)).org();
		return context.getBean(AppRegistry.class).create(org, developer.id(), TestApps.complete(TestApps.uniqueName()));
	}

	/** Takes the app's draft revision through review to approval (a stand-in logo satisfies the pack). */
	public static void approve(ApplicationContext context, DraftApp fixture) {
		context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
			.sql("update apps.revisions set logo_sha256 = 'test' where app_id = :id and logo_sha256 is null")
			.param("id", fixture.app().id().value())
			.update();
		var registry = context.getBean(AppRegistry.class);
		registry.submit(fixture.app().id(), fixture.developer().id());
		registry.startReview(fixture.app().id(), "reviewer");
		registry.approve(fixture.app().id(), "reviewer", "ok");
	}

	public record DraftApp(UserAccount developer, OrganizationId org, App app) {
	}

}
