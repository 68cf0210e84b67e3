package dev.gatehouse.authserver;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The consent ledger: append-only evidence of every approval on the consent screen. */
@Service
public class ConsentLedger {

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	ConsentLedger(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	/** Writes the record in the caller's transaction (the one that issues the code). */
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(ConsentRecord record) {
		jdbc.sql("""
				insert into authserver.consent_records (id, installation_id, account_id, app_id, client_id, user_id, user_email,
				    scopes, scopes_added, text_sha256, text, policy_version, privacy_policy_url, ip, granted_at)
				values (:id, :installation, :account, :app, :client, :user, :email, :scopes, :added, :hash, :text, :policy,
				    :privacy, :ip, :at)""")
			.param("id", record.id())
			.param("installation", record.installationId())
			.param("account", record.accountId())
			.param("app", record.appId())
			.param("client", record.clientId())
			.param("user", record.userId())
			.param("email", record.userEmail())
			.param("scopes", record.scopes().toArray(String[]::new))
			.param("added", record.scopesAdded().toArray(String[]::new))
			.param("hash", record.textSha256())
			.param("text", record.text())
			.param("policy", record.policyVersion())
			.param("privacy", record.privacyPolicyUrl())
			.param("ip", record.ip())
			.param("at", Timestamp.from(record.grantedAt()))
			.update();
		events.publishEvent(new ConsentRecorded(record.id(), record.installationId().toString(),
				record.accountId().toString(), record.appId().toString(), record.scopes(), record.textSha256(),
				record.userEmail()));
	}

	/** The account's consents, newest first. */
	public List<ConsentRecord> ofAccount(UUID accountId, int limit) {
		return jdbc.sql("select * from authserver.consent_records where account_id = :account order by granted_at desc limit :limit")
			.param("account", accountId)
			.param("limit", Math.max(1, Math.min(limit, 500)))
			.query(ConsentLedger::map)
			.list();
	}

	private static ConsentRecord map(ResultSet rs, int row) throws SQLException {
		return new ConsentRecord(rs.getObject("id", UUID.class), rs.getObject("installation_id", UUID.class),
				rs.getObject("account_id", UUID.class), rs.getObject("app_id", UUID.class), rs.getString("client_id"),
				rs.getObject("user_id", UUID.class), rs.getString("user_email"), texts(rs, "scopes"), texts(rs, "scopes_added"),
				rs.getString("text_sha256"), rs.getString("text"), rs.getString("policy_version"),
				rs.getString("privacy_policy_url"), rs.getString("ip"), rs.getTimestamp("granted_at").toInstant());
	}

	private static List<String> texts(ResultSet rs, String column) throws SQLException {
		return Arrays.asList((String[]) rs.getArray(column).getArray());
	}

}
