package dev.gatehouse.marketplace;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppLogos;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.apps.AppStatus;
import dev.gatehouse.apps.ScopeCatalogue;
import dev.gatehouse.apps.TestApps;
import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.policy.LegalDocuments;
import dev.gatehouse.support.TestOrganizations;
import dev.gatehouse.support.WebSession;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.gatehouse.support.WebSession.html;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MarketplaceSystemTests {

	@LocalServerPort
	int port;

	@Autowired
	AppRegistry registry;

	@Autowired
	AppLogos logos;

	@Autowired
	ScopeCatalogue catalogue;

	@Autowired
	Accounts accounts;

	@Autowired
	DeveloperOrganizations organizations;

	@Autowired
	LegalDocuments legal;

	TestOrganizations.Owner owner;

	@BeforeEach
	void developer() {
		TestApps.defineScopes(catalogue);
		owner = TestOrganizations.inGoodStanding(accounts, organizations, legal);
	}

	@Test
	void catalogueWhenAppsAreInDifferentStatesThenOnlyPublishedOnesAreListed() {
		App published = published(TestApps.uniqueName());
		App draft = registry.create(owner.org(), owner.user().id(), TestApps.complete(TestApps.uniqueName()));
		App suspended = published(TestApps.uniqueName());
		registry.changeStatus(suspended.id(), AppStatus.SUSPENDED, "ops", "Test suspension");

		var page = html(new WebSession(port).get("/marketplace?q=" + "App"));

		var names = page.select(".listing-card h2").eachText();
		assertThat(names).contains(published.name()).doesNotContain(draft.name(), suspended.name());
		assertThat(new WebSession(port).get("/marketplace/apps/" + suspended.slug()).statusCode()).isEqualTo(404);
		assertThat(new WebSession(port).get("/marketplace/apps/" + draft.slug()).statusCode()).isEqualTo(404);
	}

	@Test
	void catalogueWhenFilteredByCategoryThenOtherCategoriesAreHidden() {
		App scheduling = published(TestApps.uniqueName());

		var analytics = html(new WebSession(port).get("/marketplace?category=Analytics&q=" + scheduling.name().replace(" ", "+")));
		var matching = html(new WebSession(port).get("/marketplace?category=Scheduling&q=" + scheduling.name().replace(" ", "+")));

		assertThat(analytics.select(".listing-card")).isEmpty();
		assertThat(matching.select(".listing-card h2").eachText()).containsExactly(scheduling.name());
	}

	@Test
	void listingWhenOpenedAnonymouslyThenItShowsPermissionsDataUseLinksAndTheVerifiedBadge() {
		organizations.verifyManually(owner.org(), "admin@example.test", "Register checked");
		App app = published(TestApps.uniqueName());
		var sub = registry.addSubProcessor(app.id(), owner.user().id(), "RelayMail Ltd", "Sends email", "IE",
				List.of("appointments"));
		registry.decideSubProcessor(sub.id(), true, "compliance@example.test", "ok");

		var page = html(new WebSession(port).get("/marketplace/apps/" + app.slug()));

		assertThat(page.select("h1").text()).isEqualTo(app.name());
		assertThat(page.select(".badge.verified").text()).contains("Verified publisher");
		assertThat(page.select(".permissions").text()).contains(TestApps.READ_APPOINTMENTS.description())
			.contains("We read appointments to schedule the reminders.");
		assertThat(page.select("a[href=https://reminders.example.com/privacy]")).hasSize(1);
		assertThat(page.select("#sub-h + ul, section[aria-labelledby=sub-h] li").text()).contains("RelayMail Ltd");
		assertThat(page.select("img").attr("src")).startsWith("/apps/" + app.id() + "/logo/");
	}

	private App published(String name) {
		App app = registry.create(owner.org(), owner.user().id(), TestApps.complete(name));
		try {
			logos.upload(app.id(), owner.user().id(), TestApps.logoPng(256), "logo.png", "image/png");
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		registry.submit(app.id(), owner.user().id());
		registry.startReview(app.id(), "reviewer");
		registry.approve(app.id(), "reviewer", "ok");
		registry.publish(app.id(), "dev");
		return registry.require(app.id());
	}

}
