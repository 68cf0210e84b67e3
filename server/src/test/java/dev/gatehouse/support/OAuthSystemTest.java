package dev.gatehouse.support;

import dev.gatehouse.apps.AppCredentials;
import dev.gatehouse.apps.AppDraft;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.apps.Credential.Environment;
import dev.gatehouse.apps.IssuedSecret;
import dev.gatehouse.apps.TestApps;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserAccount;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.marketplace.CustomerAccount;
import dev.gatehouse.marketplace.CustomerAccounts;
import dev.gatehouse.support.AppFixtures.DraftApp;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Base of the OAuth flows: before each test, an approved app with a production client, and a
 * customer admin with an account of their own to install it in.
 */
public abstract class OAuthSystemTest extends FullStackTest {

	protected static final String REDIRECT = "https://reminders.example.com/oauth/callback";

	protected static final String SCOPE = TestApps.READ_APPOINTMENTS.name();

	@Autowired
	protected ApplicationContext context;

	@Autowired
	protected AppCredentials credentials;

	@Autowired
	protected AppRegistry registry;

	@Autowired
	protected Accounts accounts;

	@Autowired
	protected CustomerAccounts customers;

	@Autowired
	protected JdbcClient jdbc;

	protected OAuthTestClient oauth;

	protected DraftApp fixture;

	protected IssuedSecret client;

	protected UserAccount admin;

	protected CustomerAccount clinic;

	@BeforeEach
	void approvedAppAndCustomer() {
		oauth = new OAuthTestClient(port);
		fixture = AppFixtures.draftApp(context);
		List<String> extra = extraRedirectUris();
		if (!extra.isEmpty()) {
			registry.update(fixture.app().id(), fixture.developer().id(),
					withRedirectUris(TestApps.complete(fixture.app().name()), extra));
		}
		AppFixtures.approve(context, fixture);
		client = credentials.issueClientSecret(fixture.app().id(), fixture.developer().id(), Environment.PRODUCTION, null);
		admin = TestUsers.create(accounts, UserKind.CUSTOMER, Role.CUSTOMER_ADMIN);
		clinic = customers.create("Clinic " + UUID.randomUUID().toString().substring(0, 8), admin.id());
	}

	/** Redirect URIs the app registers besides the usual ones. */
	protected List<String> extraRedirectUris() {
		return List.of();
	}

	protected WebSession loggedIn(UserAccount user) {
		WebSession browser = web();
		var response = browser.submitPassword(user.email(), TestUsers.PASSWORD);
		if (response.statusCode() != 302) {
			throw new AssertionError("login answered " + response.statusCode());
		}
		return browser;
	}

	public static AppDraft withRedirectUris(AppDraft draft, List<String> extra) {
		var uris = new ArrayList<>(draft.redirectUris());
		uris.addAll(extra);
		return new AppDraft(draft.appType(), draft.listing(), uris, draft.webhookUrl(), draft.scopes(), draft.dataUse(),
				draft.security());
	}

}
