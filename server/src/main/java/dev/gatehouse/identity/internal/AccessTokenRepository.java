package dev.gatehouse.identity.internal;

import dev.gatehouse.identity.AccessTokenInfo;
import dev.gatehouse.identity.ApiScope;
import dev.gatehouse.identity.UserId;

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
public class AccessTokenRepository {

	private static final String COLUMNS = "id, public_id, user_id, name, secret_hash, scopes, created_at, expires_at, "
			+ "last_used_at, revoked_at";

	private final JdbcClient jdbc;

	AccessTokenRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(StoredToken token) {
		jdbc.sql("""
				insert into identity.access_tokens (id, public_id, user_id, name, secret_hash, scopes, created_at, expires_at)
				values (:id, :publicId, :user, :name, :hash, :scopes::text[], :created, :expires)""")
			.param("id", token.id())
			.param("publicId", token.publicId())
			.param("user", token.userId().value())
			.param("name", token.name())
			.param("hash", token.secretHash())
			.param("scopes", token.scopes().stream().map(ApiScope::value).collect(Collectors.joining(",", "{", "}")))
			.param("created", Timestamp.from(token.createdAt()))
			.param("expires", Timestamp.from(token.expiresAt()))
			.update();
	}

	public Optional<StoredToken> findByPublicId(String publicId) {
		return jdbc.sql("select " + COLUMNS + " from identity.access_tokens where public_id = :publicId")
			.param("publicId", publicId)
			.query(AccessTokenRepository::map)
			.optional();
	}

	public List<StoredToken> findByUser(UserId user) {
		return jdbc.sql("select " + COLUMNS + " from identity.access_tokens where user_id = :user order by created_at desc")
			.param("user", user.value())
			.query(AccessTokenRepository::map)
			.list();
	}

	public boolean revoke(UUID id, UserId owner, Instant now) {
		return jdbc.sql("update identity.access_tokens set revoked_at = :now "
				+ "where id = :id and user_id = :user and revoked_at is null")
			.param("now", Timestamp.from(now))
			.param("id", id)
			.param("user", owner.value())
			.update() == 1;
	}

	public void touch(UUID id, Instant now) {
		jdbc.sql("update identity.access_tokens set last_used_at = :now where id = :id")
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update();
	}

	private static StoredToken map(ResultSet rs, int row) throws SQLException {
		Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
		Arrays.stream((String[]) rs.getArray("scopes").getArray()).flatMap(s -> ApiScope.of(s).stream()).forEach(scopes::add);
		return new StoredToken(rs.getObject("id", UUID.class), rs.getString("public_id"),
				new UserId(rs.getObject("user_id", UUID.class)), rs.getString("name"), rs.getBytes("secret_hash"), scopes,
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
				UserRepository.instant(rs.getTimestamp("last_used_at")),
				UserRepository.instant(rs.getTimestamp("revoked_at")));
	}

	public record StoredToken(UUID id, String publicId, UserId userId, String name, byte[] secretHash,
			Set<ApiScope> scopes, Instant createdAt, Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {

		public AccessTokenInfo info() {
			return new AccessTokenInfo(id.toString(), name, dev.gatehouse.identity.AccessTokens.PREFIX + publicId, scopes,
					createdAt, expiresAt, lastUsedAt, revokedAt);
		}

	}

}
