package dev.gatehouse.apps.internal;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppDraft;
import dev.gatehouse.apps.AppId;
import dev.gatehouse.apps.AppStatus;
import dev.gatehouse.apps.DataUse;
import dev.gatehouse.apps.HistoryEntry;
import dev.gatehouse.apps.Listing;
import dev.gatehouse.apps.RequestedScope;
import dev.gatehouse.apps.Revision;
import dev.gatehouse.apps.RevisionState;
import dev.gatehouse.apps.SecurityQuestionnaire;
import dev.gatehouse.apps.SubProcessor;
import dev.gatehouse.apps.SubProcessorStatus;
import dev.gatehouse.developers.OrganizationId;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.json.JsonMapper;

/** Apps, revisions, sub-processors and history. */
@Repository
public class AppRepository {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	AppRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public boolean nameTaken(String name, AppId except) {
		return jdbc.sql("select count(*) from apps.apps where lower(name) = lower(:name) and status <> 'RETIRED' "
				+ "and id <> :except")
			.param("name", name)
			.param("except", except == null ? new UUID(0, 0) : except.value())
			.query(Long.class)
			.single() > 0;
	}

	public boolean slugTaken(String slug) {
		return jdbc.sql("select count(*) from apps.apps where slug = :slug").param("slug", slug).query(Long.class).single() > 0;
	}

	public void insertApp(App app, UUID createdBy) {
		jdbc.sql("""
				insert into apps.apps (id, organization_id, name, slug, app_type, status, created_at, created_by, status_changed_at)
				values (:id, :org, :name, :slug, :type, :status, :now, :by, :now)""")
			.param("id", app.id().value())
			.param("org", app.organizationId().value())
			.param("name", app.name())
			.param("slug", app.slug())
			.param("type", app.appType())
			.param("status", app.status().name())
			.param("now", ts(app.createdAt()))
			.param("by", createdBy)
			.update();
	}

	public Optional<App> find(AppId id) {
		return jdbc.sql("select * from apps.apps where id = :id").param("id", id.value()).query(AppRepository::app).optional();
	}

	/** Locks the app row for a change, so two edits or transitions cannot interleave. */
	public Optional<App> lock(AppId id) {
		return jdbc.sql("select * from apps.apps where id = :id for update")
			.param("id", id.value())
			.query(AppRepository::app)
			.optional();
	}

	public List<App> ofOrganization(OrganizationId org) {
		return jdbc.sql("select * from apps.apps where organization_id = :org order by created_at desc")
			.param("org", org.value())
			.query(AppRepository::app)
			.list();
	}

	public List<App> search(String text, AppStatus status, int limit, int offset) {
		return jdbc.sql("""
				select * from apps.apps where (:text = '' or name ilike '%' || :text || '%')
				  and (:status = '' or status = :status)
				order by status_changed_at desc limit :limit offset :offset""")
			.param("text", text == null ? "" : text)
			.param("status", status == null ? "" : status.name())
			.param("limit", limit)
			.param("offset", offset)
			.query(AppRepository::app)
			.list();
	}

	/** Published apps whose live listing matches, for the marketplace. */
	public List<App> published(String text, String category, String appType, int limit, int offset) {
		return jdbc.sql("""
				select a.* from apps.apps a join apps.revisions r on r.id = a.live_revision_id
				where a.status = 'PUBLISHED'
				  and (:text = '' or a.name ilike '%' || :text || '%' or r.listing->>'tagline' ilike '%' || :text || '%'
				       or r.listing->>'description' ilike '%' || :text || '%')
				  and (:category = '' or r.listing->>'category' = :category)
				  and (:type = '' or a.app_type = :type)
				order by lower(a.name) limit :limit offset :offset""")
			.param("text", text == null ? "" : text.strip())
			.param("category", category == null ? "" : category)
			.param("type", appType == null ? "" : appType)
			.param("limit", limit)
			.param("offset", offset)
			.query(AppRepository::app)
			.list();
	}

	public Optional<App> bySlug(String slug) {
		return jdbc.sql("select * from apps.apps where slug = :slug").param("slug", slug).query(AppRepository::app).optional();
	}

	public void setStatus(AppId id, AppStatus status, Instant now) {
		jdbc.sql("update apps.apps set status = :status, status_changed_at = :now where id = :id")
			.param("status", status.name())
			.param("now", ts(now))
			.param("id", id.value())
			.update();
	}

	public void setNameAndType(AppId id, String name, String appType) {
		jdbc.sql("update apps.apps set name = :name, app_type = :type where id = :id")
			.param("name", name)
			.param("type", appType)
			.param("id", id.value())
			.update();
	}

	public void setRevisions(AppId id, UUID live, UUID draft) {
		jdbc.sql("update apps.apps set live_revision_id = :live, draft_revision_id = :draft where id = :id")
			.param("live", live)
			.param("draft", draft)
			.param("id", id.value())
			.update();
	}

	public java.util.Map<dev.gatehouse.apps.AppStatus, Long> countByStatus() {
		var counts = new java.util.HashMap<dev.gatehouse.apps.AppStatus, Long>();
		jdbc.sql("select status, count(*) from apps.apps group by status")
			.query((rs, n) -> counts.put(dev.gatehouse.apps.AppStatus.valueOf(rs.getString(1)), rs.getLong(2)))
			.list();
		return counts;
	}

	public int nextRevisionNumber(AppId id) {
		return jdbc.sql("select coalesce(max(number), 0) + 1 from apps.revisions where app_id = :id")
			.param("id", id.value())
			.query(Integer.class)
			.single();
	}

	public void insertRevision(UUID id, AppId app, int number, AppDraft draft, String logo, Instant now) {
		jdbc.sql("""
				insert into apps.revisions (id, app_id, number, state, listing, redirect_uris, webhook_url, data_use,
				  security, logo_sha256, created_at)
				values (:id, :app, :number, 'DRAFT', :listing::jsonb, :redirects::text[], :webhook, :dataUse::jsonb,
				  :security::jsonb, :logo, :now)""")
			.param("id", id)
			.param("app", app.value())
			.param("number", number)
			.param("listing", JSON.writeValueAsString(draft.listing()))
			.param("redirects", textArray(draft.redirectUris()))
			.param("webhook", blankToNull(draft.webhookUrl()))
			.param("dataUse", JSON.writeValueAsString(draft.dataUse()))
			.param("security", JSON.writeValueAsString(draft.security()))
			.param("logo", logo)
			.param("now", ts(now))
			.update();
		insertScopes(id, draft.scopes());
	}

	public void updateRevision(UUID id, AppDraft draft) {
		jdbc.sql("""
				update apps.revisions set listing = :listing::jsonb, redirect_uris = :redirects::text[],
				  webhook_url = :webhook, data_use = :dataUse::jsonb, security = :security::jsonb where id = :id""")
			.param("listing", JSON.writeValueAsString(draft.listing()))
			.param("redirects", textArray(draft.redirectUris()))
			.param("webhook", blankToNull(draft.webhookUrl()))
			.param("dataUse", JSON.writeValueAsString(draft.dataUse()))
			.param("security", JSON.writeValueAsString(draft.security()))
			.param("id", id)
			.update();
		jdbc.sql("delete from apps.revision_scopes where revision_id = :id").param("id", id).update();
		insertScopes(id, draft.scopes());
	}

	public void setRevisionLogo(UUID id, String sha256) {
		jdbc.sql("update apps.revisions set logo_sha256 = :sha where id = :id").param("sha", sha256).param("id", id).update();
	}

	public void setRevisionState(UUID id, RevisionState state, Instant now) {
		String column = switch (state) {
			case SUBMITTED -> ", submitted_at = :now";
			case APPROVED, CHANGES_REQUESTED, SUPERSEDED, WITHDRAWN -> ", decided_at = :now";
			default -> "";
		};
		jdbc.sql("update apps.revisions set state = :state" + column + " where id = :id")
			.param("state", state.name())
			.param("now", ts(now))
			.param("id", id)
			.update();
	}

	public Optional<Revision> revision(UUID id) {
		if (id == null) {
			return Optional.empty();
		}
		return jdbc.sql("select * from apps.revisions where id = :id").param("id", id).query((rs, n) -> revision(rs)).optional();
	}

	public List<Revision> revisions(AppId app) {
		return jdbc.sql("select * from apps.revisions where app_id = :app order by number desc")
			.param("app", app.value())
			.query((rs, n) -> revision(rs))
			.list();
	}

	public void insertSubProcessor(SubProcessor sub) {
		jdbc.sql("""
				insert into apps.subprocessors (id, app_id, name, purpose, country, data_categories, status, created_at)
				values (:id, :app, :name, :purpose, :country, :categories::text[], 'PENDING', :now)""")
			.param("id", sub.id())
			.param("app", sub.appId().value())
			.param("name", sub.name())
			.param("purpose", sub.purpose())
			.param("country", sub.country())
			.param("categories", textArray(sub.dataCategories()))
			.param("now", ts(sub.createdAt()))
			.update();
	}

	public List<SubProcessor> subProcessors(AppId app) {
		return jdbc.sql("select * from apps.subprocessors where app_id = :app and status <> 'REMOVED' order by created_at")
			.param("app", app.value())
			.query(AppRepository::subProcessor)
			.list();
	}

	public List<SubProcessor> pendingSubProcessors(int limit) {
		return jdbc.sql("select * from apps.subprocessors where status = 'PENDING' order by created_at limit :limit")
			.param("limit", limit)
			.query(AppRepository::subProcessor)
			.list();
	}

	public Optional<SubProcessor> subProcessor(UUID id) {
		return jdbc.sql("select * from apps.subprocessors where id = :id").param("id", id).query(AppRepository::subProcessor).optional();
	}

	public boolean decideSubProcessor(UUID id, SubProcessorStatus status, String by, String note, Instant now) {
		return jdbc.sql("""
				update apps.subprocessors set status = :status, decided_at = :now, decided_by = :by, decision_note = :note
				where id = :id and status = 'PENDING'""")
			.param("status", status.name())
			.param("now", ts(now))
			.param("by", by)
			.param("note", note)
			.param("id", id)
			.update() == 1;
	}

	public void history(AppId app, Instant at, String actor, String action, AppStatus from, AppStatus to, String note) {
		jdbc.sql("""
				insert into apps.history (app_id, occurred_at, actor, action, from_status, to_status, note)
				values (:app, :at, :actor, :action, :from, :to, :note)""")
			.param("app", app.value())
			.param("at", ts(at))
			.param("actor", actor)
			.param("action", action)
			.param("from", from == null ? null : from.name())
			.param("to", to == null ? null : to.name())
			.param("note", note)
			.update();
	}

	public List<HistoryEntry> history(AppId app) {
		return jdbc.sql("select * from apps.history where app_id = :app order by occurred_at desc, id desc")
			.param("app", app.value())
			.query((rs, n) -> new HistoryEntry(rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor"),
					rs.getString("action"), status(rs.getString("from_status")), status(rs.getString("to_status")),
					rs.getString("note")))
			.list();
	}

	private void insertScopes(UUID revision, List<RequestedScope> scopes) {
		for (RequestedScope scope : scopes) {
			jdbc.sql("""
					insert into apps.revision_scopes (revision_id, scope, justification, evidence)
					values (:revision, :scope, :justification, :evidence)""")
				.param("revision", revision)
				.param("scope", scope.scope())
				.param("justification", scope.justification() == null ? "" : scope.justification().strip())
				.param("evidence", blankToNull(scope.evidence()))
				.update();
		}
	}

	private Revision revision(ResultSet rs) throws SQLException {
		UUID id = rs.getObject("id", UUID.class);
		List<RequestedScope> scopes = jdbc.sql("select scope, justification, evidence from apps.revision_scopes "
				+ "where revision_id = :id order by scope")
			.param("id", id)
			.query((r, n) -> new RequestedScope(r.getString(1), r.getString(2), r.getString(3)))
			.list();
		AppDraft content = new AppDraft(null, JSON.readValue(rs.getString("listing"), Listing.class),
				strings(rs.getArray("redirect_uris")), rs.getString("webhook_url"), scopes,
				JSON.readValue(rs.getString("data_use"), DataUse.class),
				JSON.readValue(rs.getString("security"), SecurityQuestionnaire.class));
		return new Revision(id, new AppId(rs.getObject("app_id", UUID.class)), rs.getInt("number"),
				RevisionState.valueOf(rs.getString("state")), content, rs.getString("logo_sha256"),
				rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("submitted_at")),
				instant(rs.getTimestamp("decided_at")));
	}

	private static App app(ResultSet rs, int row) throws SQLException {
		return new App(new AppId(rs.getObject("id", UUID.class)), new OrganizationId(rs.getObject("organization_id", UUID.class)),
				rs.getString("name"), rs.getString("slug"), rs.getString("app_type"), AppStatus.valueOf(rs.getString("status")),
				rs.getObject("live_revision_id", UUID.class), rs.getObject("draft_revision_id", UUID.class),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("status_changed_at").toInstant());
	}

	private static SubProcessor subProcessor(ResultSet rs, int row) throws SQLException {
		return new SubProcessor(rs.getObject("id", UUID.class), new AppId(rs.getObject("app_id", UUID.class)),
				rs.getString("name"), rs.getString("purpose"), rs.getString("country"), strings(rs.getArray("data_categories")),
				SubProcessorStatus.valueOf(rs.getString("status")), rs.getTimestamp("created_at").toInstant(),
				instant(rs.getTimestamp("decided_at")), rs.getString("decided_by"), rs.getString("decision_note"));
	}

	static List<String> strings(Array array) throws SQLException {
		return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
	}

	static String textArray(List<String> values) {
		StringBuilder out = new StringBuilder("{");
		for (int i = 0; i < values.size(); i++) {
			if (i > 0) {
				out.append(',');
			}
			out.append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
		}
		return out.append('}').toString();
	}

	private static AppStatus status(String name) {
		return name == null ? null : AppStatus.valueOf(name);
	}

	private static String blankToNull(String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}

	private static Timestamp ts(Instant instant) {
		return Timestamp.from(instant);
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
