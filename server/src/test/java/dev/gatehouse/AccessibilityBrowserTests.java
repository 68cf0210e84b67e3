package dev.gatehouse;

import com.microsoft.playwright.Page;

import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.support.Browsers;
import dev.gatehouse.support.TestUsers;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** axe-core (WCAG 2 A and AA rules) on the main pages: no serious or critical violation. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(Browsers.class)
class AccessibilityBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	dev.gatehouse.apps.ScopeCatalogue catalogue;

	@Autowired
	dev.gatehouse.apps.AppRegistry registry;

	@Autowired
	dev.gatehouse.developers.DeveloperOrganizations organizations;

	@Autowired
	dev.gatehouse.policy.LegalDocuments legal;

	@Autowired
	dev.gatehouse.marketplace.CustomerAccounts customers;

	@Test
	void publicPagesWhenCheckedThenNoSeriousViolations(Page page) {
		for (String path : List.of("/login", "/signup", "/password-reset", "/marketplace")) {
			page.navigate(base() + path);
			assertThat(violations(page)).as(path).isEmpty();
		}
	}

	@Test
	void operatorPagesWhenCheckedThenNoSeriousViolations(Page page) {
		var admin = TestUsers.createWithTotp(accounts, UserKind.OPERATOR, Role.ADMIN);
		page.navigate(base() + "/login");
		page.getByLabel("Email").fill(admin.email());
		page.getByLabel("Password").fill(TestUsers.PASSWORD);
		page.getByLabel("Password").press("Enter");
		page.getByLabel("Authentication code or recovery code").fill(TestUsers.code(admin.secret(), 0));
		page.getByLabel("Authentication code or recovery code").press("Enter");
		page.waitForURL("**/");

		for (String path : List.of("/", "/account/security", "/operator/users", "/operator/audit", "/operator/legal",
				"/operator/apps", "/operator/organizations", "/operator/traffic", "/operator/gateway", "/operator/privacy", "/operator/incidents", "/inbox")) {
			page.navigate(base() + path);
			assertThat(violations(page)).as(path).isEmpty();
		}
	}

	@Test
	void developerPagesWhenCheckedThenNoSeriousViolations(Page page) {
		catalogue.define(dev.gatehouse.apps.TestApps.READ_APPOINTMENTS);
		var developer = TestUsers.createWithTotp(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		var org = dev.gatehouse.support.TestOrganizations.inGoodStanding(developer.user(), organizations, legal).org();
		var app = registry.create(org, developer.user().id(),
				dev.gatehouse.apps.TestApps.complete(dev.gatehouse.apps.TestApps.uniqueName()));
		page.navigate(base() + "/login");
		page.getByLabel("Email").fill(developer.email());
		page.getByLabel("Password").fill(TestUsers.PASSWORD);
		page.getByLabel("Password").press("Enter");
		page.getByLabel("Authentication code or recovery code").fill(TestUsers.code(developer.secret(), 0));
		page.getByLabel("Authentication code or recovery code").press("Enter");
		page.waitForURL("**/");

		for (String path : List.of("/developer", "/developer/legal", "/developer/orgs/" + org, "/developer/orgs/" + org + "/incidents", "/developer/apps/" + app.id(),
				"/developer/apps/" + app.id() + "/edit", "/developer/apps/" + app.id() + "/credentials",
				"/developer/apps/" + app.id() + "/traffic", "/customer-accounts",
				"/customer-accounts/" + customers.sandboxOf(org).orElseThrow().id() + "/apps",
				"/customer-accounts/" + customers.sandboxOf(org).orElseThrow().id() + "/privacy")) {
			page.navigate(base() + path);
			assertThat(violations(page)).as(path).isEmpty();
		}
	}

	@Test
	void checkerWhenAPageBreaksTheRulesThenItReportsThem(Page page) {
		page.setContent("<html><body><img src='x.png'><input type='text'></body></html>");

		assertThat(violations(page)).anyMatch(v -> v.startsWith("image-alt")).anyMatch(v -> v.startsWith("html-has-lang"));
	}

	private static List<String> violations(Page page) {
		return dev.gatehouse.support.Accessibility.violations(page);
	}

	private String base() {
		return "http://localhost:" + port;
	}

}
