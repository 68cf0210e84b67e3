package dev.gatehouse.marketplace.internal;

import dev.gatehouse.apps.AppId;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.marketplace.CustomerAccountId;
import dev.gatehouse.marketplace.Installation;
import dev.gatehouse.marketplace.InstallationId;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class InstallationRepository {

	private final JdbcClient jdbc;

	InstallationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Inserts the installation unless one is active already (two first consents at once); true if inserted. */
	public boolean insertIfNoneActive(Installation installation) {
		return jdbc.sql("""
				insert into marketplace.installations (id, account_id, app_id, scopes, status, installed_at, installed_by, updated_at)
				values (:id, :account, :app, :scopes, 'ACTIVE', :now, :by, :now)
				on conflict (account_id, app_id) where status = 'ACTIVE' do nothing""")
			.param("id", installation.id().value())
			.param("account", installation.accountId().value())
			.param("app", installation.appId().value())
			.param("scopes", installation.scopes().toArray(String[]::new))
			.param("now", Timestamp.from(installation.installedAt()))
			.param("by", installation.installedBy().value())
			.update() == 1;
	}

	public void updateScopes(InstallationId id, Collection<String> scopes, Instant now) {
		jdbc.sql("update marketplace.installations set scopes = :scopes, updated_at = :now where id = :id")
			.param("id", id.value())
			.param("scopes", new TreeSet<>(scopes).toArray(String[]::new))
			.param("now", Timestamp.from(now))
			.update();
	}

	/** Marks an active installation uninstalled; false when it was not active (a second click). */
	public boolean uninstall(InstallationId id, UserId by, Instant now) {
		return jdbc.sql("""
				update marketplace.installations set status = 'UNINSTALLED', uninstalled_at = :now, uninstalled_by = :by,
				updated_at = :now where id = :id and status = 'ACTIVE'""")
			.param("id", id.value())
			.param("by", by == null ? null : by.value())
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	public Optional<Installation> find(InstallationId id) {
		return jdbc.sql("select * from marketplace.installations where id = :id")
			.param("id", id.value())
			.query(InstallationRepository::map)
			.optional();
	}

	/** The active installation, locked for the rest of the transaction so two consents do not race. */
	public Optional<Installation> activeForUpdate(CustomerAccountId account, AppId app) {
		return jdbc.sql("""
				select * from marketplace.installations where account_id = :account and app_id = :app and status = 'ACTIVE'
				for update""")
			.param("account", account.value())
			.param("app", app.value())
			.query(InstallationRepository::map)
			.optional();
	}

	public Optional<Installation> active(CustomerAccountId account, AppId app) {
		return jdbc.sql("""
				select * from marketplace.installations where account_id = :account and app_id = :app and status = 'ACTIVE'""")
			.param("account", account.value())
			.param("app", app.value())
			.query(InstallationRepository::map)
			.optional();
	}

	/** Active installations first, then the history, newest first within each. */
	public List<Installation> ofAccount(CustomerAccountId account) {
		return jdbc.sql("""
				select * from marketplace.installations where account_id = :account
				order by status = 'ACTIVE' desc, updated_at desc""")
			.param("account", account.value())
			.query(InstallationRepository::map)
			.list();
	}

	public List<Installation> activeOfApp(AppId app) {
		return jdbc.sql("select * from marketplace.installations where app_id = :app and status = 'ACTIVE' order by installed_at")
			.param("app", app.value())
			.query(InstallationRepository::map)
			.list();
	}

	private static Installation map(ResultSet rs, int row) throws SQLException {
		Array scopes = rs.getArray("scopes");
		UUID uninstalledBy = rs.getObject("uninstalled_by", UUID.class);
		Timestamp uninstalledAt = rs.getTimestamp("uninstalled_at");
		return new Installation(new InstallationId(rs.getObject("id", UUID.class)),
				new CustomerAccountId(rs.getObject("account_id", UUID.class)), new AppId(rs.getObject("app_id", UUID.class)),
				new TreeSet<>(Arrays.asList((String[]) scopes.getArray())), "ACTIVE".equals(rs.getString("status")),
				rs.getTimestamp("installed_at").toInstant(), new UserId(rs.getObject("installed_by", UUID.class)),
				rs.getTimestamp("updated_at").toInstant(), uninstalledAt == null ? null : uninstalledAt.toInstant(),
				uninstalledBy == null ? null : new UserId(uninstalledBy));
	}

}
