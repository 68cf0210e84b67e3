package dev.gatehouse.apps;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.policy.LegalDocuments;
import dev.gatehouse.support.Browsers;
import dev.gatehouse.support.TestOrganizations;
import dev.gatehouse.support.TestUsers;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(Browsers.class)
class AppEditorBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	DeveloperOrganizations organizations;

	@Autowired
	LegalDocuments legal;

	@Autowired
	ScopeCatalogue catalogue;

	@Test
	void editWhenTheDeveloperFillsTheWholeFormThenTheSavedValuesAreShown(Page page) {
		TestApps.defineScopes(catalogue);
		var developer = TestUsers.createWithTotp(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		var org = TestOrganizations.inGoodStanding(developer.user(), organizations, legal).org();
		String name = TestApps.uniqueName();

		page.navigate("http://localhost:" + port + "/developer/orgs/" + org + "/apps/new");
		page.getByLabel("Email").fill(developer.email());
		page.getByLabel("Password").fill(TestUsers.PASSWORD);
		button(page, "Log in").click();
		page.getByLabel("Authentication code or recovery code").fill(TestUsers.code(developer.secret(), 0));
		button(page, "Verify").click();
		assertThat(page).hasURL(Pattern.compile(".*/apps/new(\\?continue)?$"));
		page.getByLabel("App name").fill(name);
		button(page, "Create app").click();

		assertThat(page).hasURL(Pattern.compile(".*/developer/apps/[0-9a-f-]{36}/edit$"));
		assertThat(label(page, "Name")).hasValue(name);
		label(page, "Tagline (one line)").fill("Reminders for every appointment");
		label(page, "Description").fill("Sends reminders before each appointment so fewer are missed.");
		label(page, "Category").selectOption("Scheduling");
		label(page, "Website").fill("https://reminders.example.com");
		page.getByLabel(Pattern.compile("^Redirect URIs")).fill("https://reminders.example.com/oauth/callback\nhttp://localhost:3000/callback");
		label(page, "Webhook URL (https)").fill("https://reminders.example.com/webhooks");
		label(page, TestApps.READ_APPOINTMENTS.name()).check();
		label(page, "Justification for " + TestApps.READ_APPOINTMENTS.name())
			.fill("We read appointments to schedule the reminders.");
		label(page, "Purposes for appointments").fill("send reminders, count no-shows");
		label(page, "Lawful basis for appointments").selectOption("CONTRACT");
		label(page, "Retention for appointments").fill("30 days");
		label(page, "Storage region for appointments").fill("EU");
		label(page, "Is customer data encrypted at rest?").selectOption("yes");
		label(page, "Do all staff with access use multi-factor authentication?").selectOption("yes");
		label(page, "Are logins to your systems audited?").selectOption("no");
		label(page, "Security incident contact").fill("security@reminders.example.com");
		Browsers.screenshot(page, "app-editor-filled");
		button(page, "Save").click();

		assertThat(page).hasURL(Pattern.compile(".*/developer/apps/[0-9a-f-]{36}$"));
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("Saved revision 1");
		Locator draft = page.locator("#draft");
		assertThat(draft.locator(".listing-tagline")).hasText("Reminders for every appointment");
		assertThat(draft.locator(".listing-category")).hasText("Scheduling");
		assertThat(draft.locator(".redirect-uris")).containsText("http://localhost:3000/callback");
		assertThat(draft.locator("table.scopes")).containsText("We read appointments to schedule the reminders.");
		assertThat(draft.locator("table.data-use")).containsText("send reminders, count no-shows");
		Browsers.screenshot(page, "app-overview-saved");

		page.navigate(page.url() + "/edit");
		assertThat(label(page, "Purposes for appointments")).hasValue("send reminders, count no-shows");
		assertThat(label(page, TestApps.READ_APPOINTMENTS.name())).isChecked();
		assertThat(label(page, "Are logins to your systems audited?")).hasValue("no");
	}

	private static Locator label(Page page, String text) {
		return page.getByLabel(text, new Page.GetByLabelOptions().setExact(true));
	}

	private static Locator button(Page page, String name) {
		return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name));
	}

}
