package dev.gatehouse.apps;

import dev.gatehouse.apps.Credential.Environment;
import dev.gatehouse.identity.UserAccount;

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
	org.springframework.context.ApplicationContext context;

	@Autowired
	AppRegistry registry;

	@Autowired
	AppCredentials credentials;

	@Autowired
	JdbcClient jdbc;

	UserAccount developer;

	App app;

	@BeforeEach
	void app() {
		var fixture = dev.gatehouse.support.AppFixtures.draftApp(context);
		developer = fixture.developer();
		app = fixture.app();
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
