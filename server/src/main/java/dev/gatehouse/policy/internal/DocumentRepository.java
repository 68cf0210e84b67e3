package dev.gatehouse.policy.internal;

import dev.gatehouse.policy.DocumentKind;
import dev.gatehouse.policy.DocumentVersion;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class DocumentRepository {

	private final JdbcClient jdbc;

	DocumentRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Serializes drafting per document so version numbers stay gap-free and unique. */
	public int nextVersion(DocumentKind kind) {
		jdbc.sql("select 1 from policy.documents where kind = :kind for update").param("kind", kind.slug()).query().rowSet();
		return jdbc.sql("select coalesce(max(version), 0) + 1 from policy.document_versions where kind = :kind")
			.param("kind", kind.slug())
			.query(Integer.class)
			.single();
	}

	public void insertDraft(UUID id, DocumentKind kind, int version, String content, String hash, String summary,
			String packId, String packVersion, Instant now, String by) {
		jdbc.sql("""
				insert into policy.document_versions (id, kind, version, content, content_hash, change_summary, pack_id,
				  pack_version, status, created_at, created_by)
				values (:id, :kind, :version, :content, :hash, :summary, :packId, :packVersion, 'DRAFT', :now, :by)""")
			.param("id", id)
			.param("kind", kind.slug())
			.param("version", version)
			.param("content", content)
			.param("hash", hash)
			.param("summary", summary)
			.param("packId", packId)
			.param("packVersion", packVersion)
			.param("now", Timestamp.from(now))
			.param("by", by)
			.update();
	}

	public boolean publish(UUID id, Instant now, String by, Instant effectiveAt, boolean withNotice, Instant reacceptBy) {
		return jdbc.sql("""
				update policy.document_versions set status = 'PUBLISHED', published_at = :now, published_by = :by,
				  effective_at = :effective, with_notice = :notice, reaccept_by = :reaccept
				where id = :id and status = 'DRAFT'""")
			.param("now", Timestamp.from(now))
			.param("by", by)
			.param("effective", Timestamp.from(effectiveAt))
			.param("notice", withNotice)
			.param("reaccept", Timestamp.from(reacceptBy))
			.param("id", id)
			.update() == 1;
	}

	public Optional<DocumentVersion> find(UUID id) {
		return jdbc.sql("select * from policy.document_versions where id = :id")
			.param("id", id)
			.query(DocumentRepository::map)
			.optional();
	}

	/** The latest published version already in effect at {@code at}. */
	public Optional<DocumentVersion> current(DocumentKind kind, Instant at) {
		return jdbc.sql("""
				select * from policy.document_versions
				where kind = :kind and status = 'PUBLISHED' and effective_at <= :at
				order by effective_at desc, version desc limit 1""")
			.param("kind", kind.slug())
			.param("at", Timestamp.from(at))
			.query(DocumentRepository::map)
			.optional();
	}

	public List<DocumentVersion> versions(DocumentKind kind) {
		return jdbc.sql("select * from policy.document_versions where kind = :kind order by version desc")
			.param("kind", kind.slug())
			.query(DocumentRepository::map)
			.list();
	}

	public boolean anyPublished() {
		return jdbc.sql("select count(*) from policy.document_versions where status = 'PUBLISHED'").query(Long.class).single() > 0;
	}

	public boolean insertAcceptance(UUID versionId, UUID organizationId, UUID userId, String email, String hash,
			Instant now, String ip) {
		return jdbc.sql("""
				insert into policy.acceptances (version_id, organization_id, user_id, user_email, content_hash, accepted_at, ip)
				values (:version, :org, :user, :email, :hash, :now, :ip) on conflict (version_id, organization_id) do nothing""")
			.param("version", versionId)
			.param("org", organizationId)
			.param("user", userId)
			.param("email", email)
			.param("hash", hash)
			.param("now", Timestamp.from(now))
			.param("ip", ip)
			.update() == 1;
	}

	/** The newest accepted version of each document for an organization. */
	public Map<DocumentKind, AcceptedVersion> latestAcceptances(UUID organizationId) {
		var rows = jdbc.sql("""
				select distinct on (v.kind) v.kind, v.id, v.version, a.accepted_at, a.user_email
				from policy.acceptances a join policy.document_versions v on v.id = a.version_id
				where a.organization_id = :org order by v.kind, v.version desc""")
			.param("org", organizationId)
			.query((rs, n) -> new AcceptedVersion(DocumentKind.of(rs.getString("kind")).orElseThrow(),
					rs.getObject("id", UUID.class), rs.getInt("version"), rs.getTimestamp("accepted_at").toInstant(),
					rs.getString("user_email")))
			.list();
		var result = new java.util.EnumMap<DocumentKind, AcceptedVersion>(DocumentKind.class);
		rows.forEach(row -> result.put(row.kind(), row));
		return result;
	}

	public List<AcceptanceRecord> acceptancesOf(UUID organizationId) {
		return jdbc.sql("""
				select v.kind, v.version, a.user_email, a.content_hash, a.accepted_at, a.ip
				from policy.acceptances a join policy.document_versions v on v.id = a.version_id
				where a.organization_id = :org order by a.accepted_at desc""")
			.param("org", organizationId)
			.query((rs, n) -> new AcceptanceRecord(DocumentKind.of(rs.getString("kind")).orElseThrow(), rs.getInt("version"),
					rs.getString("user_email"), rs.getString("content_hash"), rs.getTimestamp("accepted_at").toInstant(),
					rs.getString("ip")))
			.list();
	}

	private static DocumentVersion map(ResultSet rs, int row) throws SQLException {
		return new DocumentVersion(rs.getObject("id", UUID.class), DocumentKind.of(rs.getString("kind")).orElseThrow(),
				rs.getInt("version"), rs.getString("content"), rs.getString("content_hash"), rs.getString("change_summary"),
				rs.getString("pack_id"), rs.getString("pack_version"), "PUBLISHED".equals(rs.getString("status")),
				rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"), instant(rs, "published_at"),
				rs.getString("published_by"), instant(rs, "effective_at"), (Boolean) rs.getObject("with_notice"),
				instant(rs, "reaccept_by"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp ts = rs.getTimestamp(column);
		return ts == null ? null : ts.toInstant();
	}

	public record AcceptedVersion(DocumentKind kind, UUID versionId, int version, Instant acceptedAt, String email) {
	}

	public record AcceptanceRecord(DocumentKind kind, int version, String email, String contentHash, Instant acceptedAt,
			String ip) {
	}

}
