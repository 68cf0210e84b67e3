package dev.gatehouse.gateway.internal;

import dev.gatehouse.gateway.Route;

import java.net.URI;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code gateway.routes}: the routes operators added. */
final class RouteRepository {

	private final JdbcClient jdbc;

	RouteRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Route> all() {
		return jdbc.sql("select * from gateway.routes order by id").query((rs, n) -> map(rs)).list();
	}

	Optional<Route> find(String id) {
		return jdbc.sql("select * from gateway.routes where id = :id").param("id", id).query((rs, n) -> map(rs)).optional();
	}

	/** A fingerprint that changes with every write: nodes reload their table when it does. */
	String version() {
		return jdbc.sql("select count(*) || ':' || coalesce(max(updated_at)::text, '') from gateway.routes")
			.query(String.class)
			.single();
	}

	void save(Route route, String actor, Instant now) {
		jdbc.sql("""
				insert into gateway.routes (id, method, path, upstream, scopes, data_categories, subject_header,
				    subject_path_variables, requires_installation, deprecated, sunset, updated_at, updated_by)
				values (:id, :method, :path, :upstream, :scopes, :categories, :subjectHeader, :subjectVariables,
				    :requiresInstallation, :deprecated, :sunset, :now, :actor)
				on conflict (id) do update set method = excluded.method, path = excluded.path,
				    upstream = excluded.upstream, scopes = excluded.scopes, data_categories = excluded.data_categories,
				    subject_header = excluded.subject_header, subject_path_variables = excluded.subject_path_variables,
				    requires_installation = excluded.requires_installation, deprecated = excluded.deprecated,
				    sunset = excluded.sunset, updated_at = excluded.updated_at,
				    updated_by = excluded.updated_by""")
			.param("id", route.id())
			.param("method", route.method())
			.param("path", route.path())
			.param("upstream", route.upstream().toString())
			.param("scopes", route.scopes().toArray(String[]::new))
			.param("categories", route.dataCategories().toArray(String[]::new))
			.param("subjectHeader", route.subjectHeader())
			.param("subjectVariables", route.subjectPathVariables().toArray(String[]::new))
			.param("requiresInstallation", route.requiresInstallation())
			.param("deprecated", route.deprecated())
			.param("sunset", route.sunset(), java.sql.Types.DATE)
			.param("now", Timestamp.from(now))
			.param("actor", actor)
			.update();
	}

	boolean delete(String id) {
		return jdbc.sql("delete from gateway.routes where id = :id").param("id", id).update() > 0;
	}

	private static Route map(ResultSet rs) throws SQLException {
		return new Route(rs.getString("id"), rs.getString("method"), rs.getString("path"),
				URI.create(rs.getString("upstream")), strings(rs.getArray("scopes")),
				strings(rs.getArray("data_categories")), rs.getBoolean("subject_header"),
				strings(rs.getArray("subject_path_variables")), rs.getBoolean("requires_installation"),
				Route.Source.OPERATOR, rs.getBoolean("deprecated"),
				rs.getObject("sunset", java.time.LocalDate.class));
	}

	private static List<String> strings(Array array) throws SQLException {
		return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
	}

}
