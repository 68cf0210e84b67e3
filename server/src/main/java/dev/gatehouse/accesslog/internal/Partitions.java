package dev.gatehouse.accesslog.internal;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The day partitions (UTC) of the two access log tables. Creating one takes the same advisory lock
 * as the maintenance job, so nodes creating the same day at once wait for each other instead of
 * failing. Days known to exist are remembered, so a batch normally costs no catalog query.
 */
@Component
public class Partitions {

	static final String LOCK = "select pg_advisory_xact_lock(hashtext('accesslog.partitions'))";

	static final String TRY_LOCK = "select pg_try_advisory_xact_lock(hashtext('accesslog.partitions'))";

	private static final List<String> TABLES = List.of("api_calls", "subject_touches");

	private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd");

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Set<LocalDate> known = ConcurrentHashMap.newKeySet();

	Partitions(JdbcClient jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	/** Makes sure both tables have a partition for each day; cheap when they were seen before. */
	public void ensure(Collection<LocalDate> days) {
		Set<LocalDate> missing = new TreeSet<>(days);
		missing.removeAll(known);
		if (missing.isEmpty()) {
			return;
		}
		transactions.executeWithoutResult(status -> {
			jdbc.sql(LOCK).query((rs, n) -> 1).list();
			missing.forEach(this::create);
		});
		known.addAll(missing);
	}

	/** Creates both partitions of the day unless they exist; call holding the lock. */
	boolean create(LocalDate day) {
		boolean created = false;
		for (String table : TABLES) {
			if (!exists(table, day)) {
				jdbc.sql("create table accesslog.%s partition of accesslog.%s for values from ('%s') to ('%s')"
					.formatted(name(table, day), table, start(day), start(day.plusDays(1))))
					.update();
				created = true;
			}
		}
		known.add(day);
		return created;
	}

	/** Drops both partitions of the day; call holding the lock. */
	void drop(LocalDate day) {
		known.remove(day);
		for (String table : TABLES) {
			jdbc.sql("drop table if exists accesslog." + name(table, day)).update();
		}
	}

	/** The days that have a call partition, oldest first. */
	public List<LocalDate> days() {
		return jdbc.sql("""
				select c.relname from pg_inherits i
				join pg_class c on c.oid = i.inhrelid
				join pg_class p on p.oid = i.inhparent
				join pg_namespace n on n.oid = p.relnamespace
				where n.nspname = 'accesslog' and p.relname = 'api_calls'""")
			.query(String.class)
			.list()
			.stream()
			.filter(name -> name.matches("api_calls_p\\d{8}"))
			.map(name -> LocalDate.parse(name.substring("api_calls_p".length()), SUFFIX))
			.sorted()
			.toList();
	}

	/** Forgets what was seen (after a failed write: a partition may have been dropped under us). */
	public void forget() {
		known.clear();
	}

	private boolean exists(String table, LocalDate day) {
		return jdbc.sql("select to_regclass(:name) is not null")
			.param("name", "accesslog." + name(table, day))
			.query(Boolean.class)
			.single();
	}

	static String name(String table, LocalDate day) {
		return table + "_p" + day.format(SUFFIX);
	}

	private static String start(LocalDate day) {
		return day.atStartOfDay(ZoneOffset.UTC).toOffsetDateTime().toString();
	}

}
