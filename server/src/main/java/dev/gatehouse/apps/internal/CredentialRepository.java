package dev.gatehouse.apps.internal;

import dev.gatehouse.apps.AppId;
import dev.gatehouse.apps.Credential;
import dev.gatehouse.apps.Credential.Environment;
import dev.gatehouse.apps.internal.secrets.ClientSecrets.StoredSecret;
import dev.gatehouse.apps.internal.secrets.WebhookSigningSecrets.StoredWebhookSecret;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class CredentialRepository {

	private final JdbcClient jdbc;

	CredentialRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insertCredential(UUID id, AppId app, Environment environment, String clientId, Instant now) {
		jdbc.sql("""
				insert into apps.credentials (id, app_id, environment, client_id, created_at)
				values (:id, :app, :env, :client, :now) on conflict (app_id, environment) do nothing""")
			.param("id", id)
			.param("app", app.value())
			.param("env", environment.name())
			.param("client", clientId)
			.param("now", Timestamp.from(now))
			.update();
	}

	public List<Credential> credentials(AppId app) {
		return jdbc.sql("select * from apps.credentials where app_id = :app order by environment desc")
			.param("app", app.value())
			.query((rs, n) -> {
				UUID id = rs.getObject("id", UUID.class);
				return new Credential(id, app, Environment.valueOf(rs.getString("environment")), rs.getString("client_id"),
						rs.getTimestamp("created_at").toInstant(),
						rs.getTimestamp("revoked_at") == null ? null : rs.getTimestamp("revoked_at").toInstant(),
						secretInfos(id));
			})
			.list();
	}

	public Optional<Credential> byClientId(String clientId) {
		return jdbc.sql("select app_id from apps.credentials where client_id = :client")
			.param("client", clientId)
			.query((rs, n) -> new AppId(rs.getObject(1, UUID.class)))
			.optional()
			.flatMap(app -> credentials(app).stream().filter(c -> c.clientId().equals(clientId)).findFirst());
	}

	public List<StoredSecret> secrets(UUID credential) {
		return jdbc.sql("select id, digest, created_at, expires_at from apps.client_secrets where credential_id = :c")
			.param("c", credential)
			.query((rs, n) -> new StoredSecret(rs.getObject(1, UUID.class).toString(), rs.getBytes(2),
					rs.getTimestamp(3).toInstant(), rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()))
			.list();
	}

	public void insertSecret(UUID id, UUID credential, byte[] digest, String prefix, Instant now) {
		jdbc.sql("""
				insert into apps.client_secrets (id, credential_id, digest, prefix, created_at)
				values (:id, :c, :digest, :prefix, :now)""")
			.param("id", id)
			.param("c", credential)
			.param("digest", digest)
			.param("prefix", prefix)
			.param("now", Timestamp.from(now))
			.update();
	}

	public void expireSecret(UUID id, Instant at) {
		jdbc.sql("update apps.client_secrets set expires_at = :at where id = :id")
			.param("at", Timestamp.from(at))
			.param("id", id)
			.update();
	}

	public List<StoredWebhookSecret> webhookSecrets(AppId app) {
		return jdbc.sql("select id, ciphertext, created_at, expires_at from apps.webhook_secrets where app_id = :app")
			.param("app", app.value())
			.query((rs, n) -> new StoredWebhookSecret(rs.getObject(1, UUID.class).toString(), rs.getBytes(2),
					rs.getTimestamp(3).toInstant(), rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()))
			.list();
	}

	public void insertWebhookSecret(UUID id, AppId app, byte[] ciphertext, Instant now) {
		jdbc.sql("insert into apps.webhook_secrets (id, app_id, ciphertext, created_at) values (:id, :app, :c, :now)")
			.param("id", id)
			.param("app", app.value())
			.param("c", ciphertext)
			.param("now", Timestamp.from(now))
			.update();
	}

	public void expireWebhookSecret(UUID id, Instant at) {
		jdbc.sql("update apps.webhook_secrets set expires_at = :at where id = :id")
			.param("at", Timestamp.from(at))
			.param("id", id)
			.update();
	}

	private List<Credential.SecretInfo> secretInfos(UUID credential) {
		return jdbc.sql("select id, prefix, created_at, expires_at from apps.client_secrets where credential_id = :c "
				+ "order by created_at desc")
			.param("c", credential)
			.query((rs, n) -> new Credential.SecretInfo(rs.getObject(1, UUID.class), rs.getString(2),
					rs.getTimestamp(3).toInstant(), rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()))
			.list();
	}

}
