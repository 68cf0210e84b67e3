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
		OrganizationId org = TestOrganizations.inGoodStanding(developer, context.getBean(DeveloperOrganizations.class),
				context.getBean(LegalDocuments.class)).org();
		App app = context.getBean(AppRegistry.class).create(org, developer.id(), TestApps.complete(TestApps.uniqueName()));
		return new DraftApp(developer, org, app);
	}

	public record DraftApp(UserAccount developer, OrganizationId org, App app) {
	}

}
