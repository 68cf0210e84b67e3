package dev.gatehouse.developers.internal;

import dev.gatehouse.developers.Invitation;
import dev.gatehouse.developers.MemberRole;
import dev.gatehouse.developers.Organization;
import dev.gatehouse.developers.OrganizationId;
import dev.gatehouse.developers.PublisherVerification;
import dev.gatehouse.identity.UserId;

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
public class OrganizationRepository {

	private final JdbcClient jdbc;

	OrganizationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(OrganizationId id, String name, String slug, Instant now) {
		jdbc.sql("insert into developers.organizations (id, name, slug, created_at) values (:id, :name, :slug, :now)")
			.param("id", id.value())
			.param("name", name)
			.param("slug", slug)
			.param("now", ts(now))
			.update();
	}

	public boolean nameTaken(String name) {
		return jdbc.sql("select count(*) from developers.organizations where lower(name) = lower(:name)")
			.param("name", name)
			.query(Long.class)
			.single() > 0;
	}

	public boolean slugTaken(String slug) {
		return jdbc.sql("select count(*) from developers.organizations where slug = :slug")
			.param("slug", slug)
			.query(Long.class)
			.single() > 0;
	}

	public Optional<Organization> find(OrganizationId id) {
		return jdbc.sql("select * from developers.organizations where id = :id")
			.param("id", id.value())
			.query(OrganizationRepository::organization)
			.optional();
	}

	public List<Organization> all(String text, int limit, int offset) {
		return jdbc.sql("""
				select * from developers.organizations
				where (:text = '' or name ilike '%' || :text || '%' or coalesce(domain, '') ilike '%' || :text || '%')
				order by lower(name) limit :limit offset :offset""")
			.param("text", text == null ? "" : text)
			.param("limit", limit)
			.param("offset", offset)
			.query(OrganizationRepository::organization)
			.list();
	}

	public List<OrganizationId> allIds() {
		return jdbc.sql("select id from developers.organizations order by created_at")
			.query((rs, n) -> new OrganizationId(rs.getObject(1, UUID.class)))
			.list();
	}

	public void addMember(OrganizationId org, UserId user, MemberRole role, Instant now) {
		jdbc.sql("""
				insert into developers.members (organization_id, user_id, role, joined_at) values (:org, :user, :role, :now)
				on conflict (organization_id, user_id) do update set role = excluded.role""")
			.param("org", org.value())
			.param("user", user.value())
			.param("role", role.name())
			.param("now", ts(now))
			.update();
	}

	public boolean removeMember(OrganizationId org, UserId user) {
		return jdbc.sql("delete from developers.members where organization_id = :org and user_id = :user")
			.param("org", org.value())
			.param("user", user.value())
			.update() == 1;
	}

	public Optional<MemberRole> role(OrganizationId org, UserId user) {
		return jdbc.sql("select role from developers.members where organization_id = :org and user_id = :user")
			.param("org", org.value())
			.param("user", user.value())
			.query((rs, n) -> MemberRole.valueOf(rs.getString(1)))
			.optional();
	}

	public List<MemberRow> members(OrganizationId org) {
		return jdbc.sql("select user_id, role, joined_at from developers.members where organization_id = :org order by joined_at")
			.param("org", org.value())
			.query((rs, n) -> new MemberRow(new UserId(rs.getObject(1, UUID.class)), MemberRole.valueOf(rs.getString(2)),
					rs.getTimestamp(3).toInstant()))
			.list();
	}

	public long owners(OrganizationId org) {
		return jdbc.sql("select count(*) from developers.members where organization_id = :org and role = 'OWNER'")
			.param("org", org.value())
			.query(Long.class)
			.single();
	}

	public List<MembershipRow> memberships(UserId user) {
		return jdbc.sql("select organization_id, role from developers.members where user_id = :user order by joined_at")
			.param("user", user.value())
			.query((rs, n) -> new MembershipRow(new OrganizationId(rs.getObject(1, UUID.class)),
					MemberRole.valueOf(rs.getString(2))))
			.list();
	}

	public void setDomain(OrganizationId org, String domain, String token) {
		jdbc.sql("""
				update developers.organizations set domain = :domain, domain_token = :token,
				  last_domain_check_at = null, last_domain_check_result = null where id = :id""")
			.param("domain", domain)
			.param("token", token)
			.param("id", org.value())
			.update();
	}

	public void recordDomainCheck(OrganizationId org, Instant at, String result) {
		jdbc.sql("update developers.organizations set last_domain_check_at = :at, last_domain_check_result = :result where id = :id")
			.param("at", ts(at))
			.param("result", result)
			.param("id", org.value())
			.update();
	}

	public void setVerification(OrganizationId org, boolean verified, String method, Instant at, String by, String note) {
		jdbc.sql("""
				update developers.organizations set verification_status = :status, verification_method = :method,
				  verified_at = :at, verified_by = :by, verification_note = :note where id = :id""")
			.param("status", verified ? "VERIFIED" : "UNVERIFIED")
			.param("method", method)
			.param("at", at == null ? null : ts(at))
			.param("by", by)
			.param("note", note)
			.param("id", org.value())
			.update();
	}

	public void insertInvitation(UUID id, OrganizationId org, String email, MemberRole role, byte[] tokenHash,
			UserId invitedBy, Instant now, Instant expires) {
		jdbc.sql("""
				insert into developers.invitations (id, organization_id, email, role, token_hash, invited_by, created_at, expires_at)
				values (:id, :org, :email, :role, :hash, :by, :now, :expires)""")
			.param("id", id)
			.param("org", org.value())
			.param("email", email)
			.param("role", role.name())
			.param("hash", tokenHash)
			.param("by", invitedBy.value())
			.param("now", ts(now))
			.param("expires", ts(expires))
			.update();
	}

	public Optional<Invitation> invitationByToken(byte[] tokenHash) {
		return jdbc.sql("""
				select i.*, o.name as organization_name from developers.invitations i
				join developers.organizations o on o.id = i.organization_id where i.token_hash = :hash""")
			.param("hash", tokenHash)
			.query(OrganizationRepository::invitation)
			.optional();
	}

	public List<Invitation> invitations(OrganizationId org) {
		return jdbc.sql("""
				select i.*, o.name as organization_name from developers.invitations i
				join developers.organizations o on o.id = i.organization_id
				where i.organization_id = :org order by i.created_at desc""")
			.param("org", org.value())
			.query(OrganizationRepository::invitation)
			.list();
	}

	public boolean markInvitationAccepted(UUID id, UserId user, Instant now) {
		return jdbc.sql("""
				update developers.invitations set accepted_at = :now, accepted_by = :user
				where id = :id and accepted_at is null and revoked_at is null and expires_at > :now""")
			.param("now", ts(now))
			.param("user", user.value())
			.param("id", id)
			.update() == 1;
	}

	public boolean revokeInvitation(OrganizationId org, UUID id, Instant now) {
		return jdbc.sql("""
				update developers.invitations set revoked_at = :now
				where id = :id and organization_id = :org and accepted_at is null and revoked_at is null""")
			.param("now", ts(now))
			.param("id", id)
			.param("org", org.value())
			.update() == 1;
	}

	public void insertEmailVerification(byte[] tokenHash, UserId user, Instant now, Instant expires) {
		jdbc.sql("""
				insert into developers.email_verifications (token_hash, user_id, created_at, expires_at)
				values (:hash, :user, :now, :expires)""")
			.param("hash", tokenHash)
			.param("user", user.value())
			.param("now", ts(now))
			.param("expires", ts(expires))
			.update();
	}

	/** Uses the token once; returns its user while it is unused and unexpired. */
	public Optional<UserId> consumeEmailVerification(byte[] tokenHash, Instant now) {
		return jdbc.sql("""
				update developers.email_verifications set used_at = :now
				where token_hash = :hash and used_at is null and expires_at > :now returning user_id""")
			.param("now", ts(now))
			.param("hash", tokenHash)
			.query((rs, n) -> new UserId(rs.getObject(1, UUID.class)))
			.optional();
	}

	private static Organization organization(ResultSet rs, int row) throws SQLException {
		return new Organization(new OrganizationId(rs.getObject("id", UUID.class)), rs.getString("name"),
				rs.getString("slug"), rs.getString("website"), rs.getString("domain"), rs.getString("domain_token"),
				new PublisherVerification("VERIFIED".equals(rs.getString("verification_status")),
						rs.getString("verification_method"), instant(rs.getTimestamp("verified_at")),
						rs.getString("verified_by"), rs.getString("verification_note")),
				instant(rs.getTimestamp("last_domain_check_at")), rs.getString("last_domain_check_result"),
				rs.getTimestamp("created_at").toInstant());
	}

	private static Invitation invitation(ResultSet rs, int row) throws SQLException {
		return new Invitation(rs.getObject("id", UUID.class), new OrganizationId(rs.getObject("organization_id", UUID.class)),
				rs.getString("organization_name"), rs.getString("email"), MemberRole.valueOf(rs.getString("role")),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
				instant(rs.getTimestamp("accepted_at")), instant(rs.getTimestamp("revoked_at")));
	}

	private static Timestamp ts(Instant instant) {
		return Timestamp.from(instant);
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	public record MemberRow(UserId userId, MemberRole role, Instant joinedAt) {
	}

	public record MembershipRow(OrganizationId organizationId, MemberRole role) {
	}

}
