package dev.gatehouse.marketplace.internal;

import dev.gatehouse.developers.OrganizationId;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.marketplace.CustomerAccount;
import dev.gatehouse.marketplace.CustomerAccountId;
import dev.gatehouse.marketplace.CustomerMembership;
import dev.gatehouse.marketplace.CustomerRole;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class CustomerAccountRepository {

	private final JdbcClient jdbc;

	CustomerAccountRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(CustomerAccount account) {
		jdbc.sql("""
				insert into marketplace.customer_accounts (id, name, kind, sandbox_organization_id, created_at)
				values (:id, :name, :kind, :org, :now) on conflict (sandbox_organization_id) do nothing""")
			.param("id", account.id().value())
			.param("name", account.name())
			.param("kind", account.sandbox() ? "SANDBOX" : "CUSTOMER")
			.param("org", account.sandboxOf() == null ? null : account.sandboxOf().value())
			.param("now", Timestamp.from(account.createdAt()))
			.update();
	}

	public Optional<CustomerAccount> find(CustomerAccountId id) {
		return jdbc.sql("select * from marketplace.customer_accounts where id = :id")
			.param("id", id.value())
			.query(CustomerAccountRepository::map)
			.optional();
	}

	public Optional<CustomerAccount> sandboxOf(OrganizationId org) {
		return jdbc.sql("select * from marketplace.customer_accounts where sandbox_organization_id = :org")
			.param("org", org.value())
			.query(CustomerAccountRepository::map)
			.optional();
	}

	public void addMember(CustomerAccountId account, UserId user, CustomerRole role, Instant now) {
		jdbc.sql("""
				insert into marketplace.customer_members (account_id, user_id, role, joined_at)
				values (:account, :user, :role, :now) on conflict (account_id, user_id) do update set role = excluded.role""")
			.param("account", account.value())
			.param("user", user.value())
			.param("role", role.name())
			.param("now", Timestamp.from(now))
			.update();
	}

	public List<CustomerMembership> memberships(UserId user) {
		return jdbc.sql("""
				select a.*, m.user_id, m.role from marketplace.customer_members m
				join marketplace.customer_accounts a on a.id = m.account_id where m.user_id = :user order by a.name""")
			.param("user", user.value())
			.query((rs, n) -> new CustomerMembership(map(rs, n), new UserId(rs.getObject("user_id", UUID.class)),
					CustomerRole.valueOf(rs.getString("role"))))
			.list();
	}

	public List<CustomerMembership> members(CustomerAccountId account) {
		return jdbc.sql("""
				select a.*, m.user_id, m.role from marketplace.customer_members m
				join marketplace.customer_accounts a on a.id = m.account_id where a.id = :account order by m.joined_at""")
			.param("account", account.value())
			.query((rs, n) -> new CustomerMembership(map(rs, n), new UserId(rs.getObject("user_id", UUID.class)),
					CustomerRole.valueOf(rs.getString("role"))))
			.list();
	}

	private static CustomerAccount map(ResultSet rs, int row) throws SQLException {
		UUID org = rs.getObject("sandbox_organization_id", UUID.class);
		return new CustomerAccount(new CustomerAccountId(rs.getObject("id", UUID.class)), rs.getString("name"),
				"SANDBOX".equals(rs.getString("kind")), org == null ? null : new OrganizationId(org),
				rs.getTimestamp("created_at").toInstant());
	}

}
