package dev.gatehouse.apps;

import dev.gatehouse.apps.Credential.Environment;
import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.developers.OrganizationId;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserAccount;
import dev.gatehouse.identity.UserKind;
import dev.gatehouse.policy.LegalDocuments;
import dev.gatehouse.support.TestOrganizations;
import dev.gatehouse.support.TestUsers;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest
class AppCredentialsIntegrationTests {

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

	@Autowired
	JdbcClient jdbc;

	UserAccount developer;

	App app;

	@BeforeEach
	void app() {
		TestApps.defineScopes(catalogue);
		developer = TestUsers.create(accounts, UserKind.DEVELOPER, Role.DEVELOPER);
		OrganizationId org = TestOrganizations.inGoodStanding(developer, organizations, legal).org();
		app = registry.create(org, developer.id(), TestApps.complete(TestApps.uniqueName()));
	}

	@Test
	void createWhenAppIsNewThenOnlyASandboxClientExists() {
		assertThat(credentials.of(app.id())).extracting(Credential::environment).containsExactly(Environment.SANDBOX);
		assertThatThrownBy(() -> credentials.issueClientSecret(app.id(), developer.id(), Environment.PRODUCTION, null))
			.hasMessageContaining("once the app is approved");
	}

	@Test
	void issueWhenRotatedThenBothSecretsWorkDuringTheOverlapAndOnlyTheNewOneAfter() {
		IssuedSecret first = credentials.issueClientSecret(app.id(), developer.id(), Environment.SANDBOX, null);
		IssuedSecret second = credentials.issueClientSecret(app.id(), developer.id(), Environment.SANDBOX, Duration.ofHours(1));

		assertThat(first.secret()).startsWith("ghcs_").hasSizeGreaterThanOrEqualTo(48);
		assertThat(second.previousValidUntil()).isBetween(Instant.now().plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofHours(1)));
		assertThat(credentials.authenticate(first.clientId(), first.secret())).isPresent();
		assertThat(credentials.authenticate(second.clientId(), second.secret()))
			.hasValueSatisfying(c -> assertThat(c.appId()).isEqualTo(app.id()));
		jdbc.sql("update apps.client_secrets set expires_at = now() - interval '1 second' where expires_at is not null "
				+ "and credential_id in (select id from apps.credentials where app_id = :app)")
			.param("app", app.id().value())
			.update();
		assertThat(credentials.authenticate(first.clientId(), first.secret())).isEmpty();
		assertThat(credentials.authenticate(second.clientId(), second.secret())).isPresent();
	}

	@Test
	void issueWhenStoredThenOnlyADigestIsKept() {
		IssuedSecret issued = credentials.issueClientSecret(app.id(), developer.id(), Environment.SANDBOX, null);

		var stored = jdbc.sql("select digest, prefix from apps.client_secrets s join apps.credentials c on c.id = s.credential_id "
				+ "where c.app_id = :app")
			.param("app", app.id().value())
			.query()
			.singleRow();
		assertThat(new String((byte[]) stored.get("digest"), java.nio.charset.StandardCharsets.ISO_8859_1))
			.doesNotContain(issued.secret().substring(5));
		assertThat(stored.get("prefix")).isEqualTo(issued.secret().substring(0, 9));
		assertThat(credentials.authenticate(issued.clientId(), issued.secret() + "x")).isEmpty();
		assertThat(credentials.authenticate("ghc_unknown", issued.secret())).isEmpty();
	}

	@Test
	void webhookSecretWhenRotatedThenTwoKeysSignDuringTheOverlapNewestFirst() {
		IssuedSecret first = credentials.rotateWebhookSecret(app.id(), developer.id());
		IssuedSecret second = credentials.rotateWebhookSecret(app.id(), developer.id());

		assertThat(first.secret()).startsWith("whsec_");
		assertThat(credentials.webhookSigningKeys(app.id())).containsExactly(second.secret(), first.secret());
		var ciphertexts = jdbc.sql("select ciphertext from apps.webhook_secrets where app_id = :app")
			.param("app", app.id().value())
			.query(byte[].class)
			.list();
		assertThat(ciphertexts).allSatisfy(c -> assertThat(new String(c, java.nio.charset.StandardCharsets.ISO_8859_1))
			.doesNotContain(first.secret().substring(6)));
	}

}
