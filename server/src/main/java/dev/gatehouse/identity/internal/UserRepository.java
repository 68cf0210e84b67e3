package dev.gatehouse.identity.internal;

import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.identity.UserKind;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class UserRepository {

	private static final String COLUMNS = "id, email, display_name, kind, roles, password_hash, enabled, "
			+ "must_change_password, totp_secret, totp_enabled_at, totp_last_step, email_verified_at, created_at";

	private final JdbcClient jdbc;

	UserRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(UserRow user, Instant now) {
		jdbc.sql("""
				insert into identity.users (id, email, display_name, kind, roles, password_hash, enabled,
				  must_change_password, email_verified_at, created_at, updated_at)
				values (:id, :email, :name, :kind, :roles::text[], :hash, true, :mustChange, :verified, :now, :now)
				""")
			.param("id", user.id().value())
			.param("email", user.email())
			.param("name", user.displayName())
			.param("kind", user.kind().name())
			.param("roles", rolesLiteral(user.roles()))
			.param("hash", user.passwordHash())
			.param("mustChange", user.mustChangePassword())
			.param("verified", user.emailVerifiedAt() == null ? null : Timestamp.from(user.emailVerifiedAt()))
			.param("now", Timestamp.from(now))
			.update();
	}

	public Optional<UserRow> findById(UserId id) {
		return jdbc.sql("select " + COLUMNS + " from identity.users where id = :id")
			.param("id", id.value())
			.query(UserRepository::map)
			.optional();
	}

	public Optional<UserRow> findByEmail(String email) {
		return jdbc.sql("select " + COLUMNS + " from identity.users where lower(email) = lower(:email)")
			.param("email", email)
			.query(UserRepository::map)
			.optional();
	}

	public boolean existsByEmail(String email) {
		return jdbc.sql("select count(*) from identity.users where lower(email) = lower(:email)")
			.param("email", email)
			.query(Long.class)
			.single() > 0;
	}

	public boolean anyWithRole(Role role) {
		return jdbc.sql("select count(*) from identity.users where :role = any(roles)")
			.param("role", role.name())
			.query(Long.class)
			.single() > 0;
	}

	public List<UserRow> search(String text, UserKind kind, int limit, int offset) {
		return jdbc.sql("select " + COLUMNS + """
				 from identity.users
				where (:text = '' or email ilike '%' || :text || '%' or display_name ilike '%' || :text || '%')
				  and (:kind = '' or kind = :kind)
				order by created_at desc, id limit :limit offset :offset
				""")
			.param("text", text == null ? "" : text)
			.param("kind", kind == null ? "" : kind.name())
			.param("limit", limit)
			.param("offset", offset)
			.query(UserRepository::map)
			.list();
	}

	public void setEnabled(UserId id, boolean enabled, Instant now) {
		jdbc.sql("update identity.users set enabled = :enabled, updated_at = :now where id = :id")
			.param("enabled", enabled)
			.param("now", Timestamp.from(now))
			.param("id", id.value())
			.update();
	}

	/** Marks the address verified; returns false if it already was. */
	public boolean markEmailVerified(UserId id, Instant now) {
		return jdbc.sql("update identity.users set email_verified_at = :now, updated_at = :now "
				+ "where id = :id and email_verified_at is null")
			.param("now", Timestamp.from(now))
			.param("id", id.value())
			.update() == 1;
	}

	public void updatePassword(UserId id, String hash, Instant now) {
		jdbc.sql("""
				update identity.users set password_hash = :hash, must_change_password = false, updated_at = :now
				where id = :id""")
			.param("hash", hash)
			.param("now", Timestamp.from(now))
			.param("id", id.value())
			.update();
	}

	public void storePendingTotpSecret(UserId id, byte[] sealedSecret, Instant now) {
		jdbc.sql("""
				update identity.users set totp_secret = :secret, totp_enabled_at = null, totp_last_step = null,
				  updated_at = :now where id = :id""")
			.param("secret", sealedSecret)
			.param("now", Timestamp.from(now))
			.param("id", id.value())
			.update();
	}

	public void enableTotp(UserId id, long step, Instant now) {
		jdbc.sql("""
				update identity.users set totp_enabled_at = :now, totp_last_step = :step, updated_at = :now
				where id = :id""")
			.param("step", step)
			.param("now", Timestamp.from(now))
			.param("id", id.value())
			.update();
	}

	/**
	 * Records the time step of an accepted code; returns false when that step or a later one was
	 * already used, so a code observed by someone else cannot be replayed.
	 */
	public boolean claimTotpStep(UserId id, long step) {
		return jdbc.sql("""
				update identity.users set totp_last_step = :step
				where id = :id and (totp_last_step is null or totp_last_step < :step)""")
			.param("step", step)
			.param("id", id.value())
			.update() == 1;
	}

	private static UserRow map(ResultSet rs, int row) throws SQLException {
		return new UserRow(new UserId(rs.getObject("id", UUID.class)), rs.getString("email"),
				rs.getString("display_name"), UserKind.valueOf(rs.getString("kind")), roles(rs.getArray("roles")),
				rs.getString("password_hash"), rs.getBoolean("enabled"), rs.getBoolean("must_change_password"),
				rs.getBytes("totp_secret"), instant(rs.getTimestamp("totp_enabled_at")),
				(Long) rs.getObject("totp_last_step"), instant(rs.getTimestamp("email_verified_at")),
				instant(rs.getTimestamp("created_at")));
	}

	private static Set<Role> roles(Array array) throws SQLException {
		String[] names = (String[]) array.getArray();
		Set<Role> roles = EnumSet.noneOf(Role.class);
		Arrays.stream(names).map(Role::valueOf).forEach(roles::add);
		return roles;
	}

	static String rolesLiteral(Set<Role> roles) {
		return roles.stream().map(Role::name).sorted().collect(Collectors.joining(",", "{", "}"));
	}

	static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
