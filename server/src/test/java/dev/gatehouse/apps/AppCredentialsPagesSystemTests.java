package dev.gatehouse.apps;

import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.policy.LegalDocuments;
import dev.gatehouse.support.TestOrganizations;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.WebSession;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.gatehouse.support.WebSession.html;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AppCredentialsPagesSystemTests {

	@LocalServerPort
	int port;

	@Autowired
	AppRegistry registry;

	@Autowired
	AppCredentials credentials;

	@Autowired
	ScopeCatalogue catalogue;

	@Autowired
	Accounts accounts;

	@Autowired
	DeveloperOrganizations organizations;

	@Autowired
	LegalDocuments legal;

	@Test
	void credentialsPageWhenASecretIsCreatedThenItIsShownOnceAndWorks() throws Exception {
		var developer = TestUsers.createWithTotp(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		var org = TestOrganizations.inGoodStanding(developer.user(), organizations, legal).org();
		TestApps.defineScopes(catalogue);
		var app = registry.create(org, developer.user().id(), TestApps.complete(TestApps.uniqueName()));
		var web = new WebSession(port);
		web.submitPassword(developer.email(), TestUsers.PASSWORD);
		web.get("/login/second-factor");
		web.post("/login/second-factor", Map.of("code", TestUsers.code(developer.secret(), 0)));

		web.get("/developer/apps/" + app.id() + "/credentials");
		var shown = web.post("/developer/apps/" + app.id() + "/credentials/SANDBOX/secrets", Map.of());
		String secret = html(shown).select("#issued-secret").text();
		String clientId = credentials.of(app.id()).getFirst().clientId();

		assertThat(secret).startsWith("ghcs_");
		assertThat(credentials.authenticate(clientId, secret)).isPresent();
		assertThat(web.get("/developer/apps/" + app.id() + "/credentials").body()).doesNotContain(secret);

		var svg = web.postFile("/developer/apps/" + app.id() + "/logo?_csrf=" + web.csrf(), "logo", "logo.png", "image/png",
				"<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8));
		assertThat(html(web.follow(svg)).select("[role=alert]").text()).contains("SVG is not accepted");
		var png = web.postFile("/developer/apps/" + app.id() + "/logo?_csrf=" + web.csrf(), "logo", "logo.png", "image/png",
				TestApps.logoPng(300));
		assertThat(html(web.follow(png)).select("img[alt='Current logo']")).hasSize(1);
	}

}
