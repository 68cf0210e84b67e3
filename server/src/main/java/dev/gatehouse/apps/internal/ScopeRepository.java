package dev.gatehouse.apps.internal;

import dev.gatehouse.apps.Scope;
import dev.gatehouse.apps.ScopeTier;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class ScopeRepository {

	private final JdbcClient jdbc;

	ScopeRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void upsert(Scope scope, Instant now) {
		jdbc.sql("""
				insert into apps.scopes (name, description, tier, data_categories, consent_bearing, payment, created_at)
				values (:name, :description, :tier, :categories::text[], :consent, :payment, :now)
				on conflict (name) do update set description = excluded.description, tier = excluded.tier,
				  data_categories = excluded.data_categories, consent_bearing = excluded.consent_bearing,
				  payment = excluded.payment, retired_at = null""")
			.param("name", scope.name())
			.param("description", scope.description())
			.param("tier", scope.tier().name())
			.param("categories", AppRepository.textArray(scope.dataCategories()))
			.param("consent", scope.consentBearing())
			.param("payment", scope.payment())
			.param("now", Timestamp.from(now))
			.update();
	}

	public boolean retire(String name, Instant now) {
		return jdbc.sql("update apps.scopes set retired_at = :now where name = :name and retired_at is null")
			.param("now", Timestamp.from(now))
			.param("name", name)
			.update() == 1;
	}

	public List<Scope> active() {
		return jdbc.sql("select * from apps.scopes where retired_at is null order by tier, name").query((rs, n) -> new Scope(
				rs.getString("name"), rs.getString("description"), ScopeTier.valueOf(rs.getString("tier")),
				AppRepository.strings(rs.getArray("data_categories")), rs.getBoolean("consent_bearing"),
				rs.getBoolean("payment"))).list();
	}

	public Optional<Scope> find(String name) {
		return active().stream().filter(s -> s.name().equals(name)).findFirst();
	}

}
