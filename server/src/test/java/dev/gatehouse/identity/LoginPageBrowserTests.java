package dev.gatehouse.identity;

import com.microsoft.playwright.Page;

import dev.gatehouse.support.Browsers;
import dev.gatehouse.support.TestUsers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(Browsers.class)
class LoginPageBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Test
	void loginWhenOperatorTypesPasswordAndTotpCodeThenHomeShowsOperatorNavigation(Page page) {
		var admin = TestUsers.createWithTotp(accounts, UserKind.OPERATOR, Role.ADMIN);

		page.navigate("http://localhost:" + port + "/account/security");
		page.getByLabel("Email").fill(admin.email());
		page.getByLabel("Password").fill(TestUsers.PASSWORD);
		page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
				new Page.GetByRoleOptions().setName("Log in")).click();
		assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/login/second-factor$"));
		page.getByLabel("Authentication code or recovery code").fill(TestUsers.code(admin.secret(), 0));
		page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
				new Page.GetByRoleOptions().setName("Verify")).click();

		// Back to the page first asked for, with the operator's navigation.
		assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/account/security(\\?continue)?$"));
		assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.NAVIGATION,
				new Page.GetByRoleOptions().setName("Main"))).containsText("Audit log");
		Browsers.screenshot(page, "account-security");
		page.getByRole(com.microsoft.playwright.options.AriaRole.LINK, new Page.GetByRoleOptions().setName("Audit log"))
			.click();
		assertThat(page.locator("h1")).containsText("Audit");
		Browsers.screenshot(page, "audit-log");
	}

	@Test
	void loginWhenPasswordIsWrongThenTheMessageIsShownAndTheEmailIsKept(Page page) {
		var user = TestUsers.create(accounts, UserKind.CUSTOMER, Role.CUSTOMER_ADMIN);

		page.navigate("http://localhost:" + port + "/login");
		page.getByLabel("Email").fill(user.email());
		page.getByLabel("Password").fill("definitely wrong");
		page.getByLabel("Password").press("Enter");

		assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT)).hasText("Wrong email or password.");
		assertThat(page.getByLabel("Email")).hasValue(user.email());
		Browsers.screenshot(page, "login-error");
	}

}
