package dev.gatehouse.incidents.internal;

import dev.gatehouse.accesslog.AccessLog;
import dev.gatehouse.incidents.BlastRadius.AffectedSubject;
import dev.gatehouse.incidents.BlastRadius.Snapshot;
import dev.gatehouse.incidents.Incident;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * Computes an incident's blast radius from the access log and writes it as a new snapshot (the
 * previous one stays, no longer current). The access log streams one row per (account, subject,
 * app, category set); they are merged per subject here. When the incident names data categories,
 * the counts per category cover all categories touched, and the notice names the incident's.
 */
@Component
public class BlastRadiusCalculator {

	private final AccessLog accessLog;

	private final IncidentRepository incidents;

	private final Clock clock;

	BlastRadiusCalculator(AccessLog accessLog, IncidentRepository incidents, Clock clock) {
		this.accessLog = accessLog;
		this.incidents = incidents;
		this.clock = clock;
	}

	/** In the caller's transaction. */
	public Snapshot compute(Incident incident, String actor) {
		long started = System.nanoTime();
		Instant now = clock.instant();
		record Merged(long[] touches, Set<String> categories, Set<UUID> apps) {
		}
		Map<UUID, Map<String, Merged>> byAccount = new HashMap<>();
		accessLog.subjectsTouched(incident.appIds(), incident.windowFrom(), incident.windowTo(), row -> {
			Merged m = byAccount.computeIfAbsent(row.customerAccountId(), k -> new HashMap<>())
				.computeIfAbsent(row.subjectId(), k -> new Merged(new long[1], new TreeSet<>(), new LinkedHashSet<>()));
			m.touches()[0] += row.touches();
			m.categories().addAll(row.dataCategories());
			m.apps().add(row.appId());
		});
		UUID snapshotId = UUID.randomUUID();
		long subjects = byAccount.values().stream().mapToLong(Map::size).sum();
		long touches = byAccount.values()
			.stream()
			.flatMap(m -> m.values().stream())
			.mapToLong(m -> m.touches()[0])
			.sum();
		var snapshot = new Snapshot(snapshotId, incident.id(), now, actor, incident.windowFrom(), incident.windowTo(), true,
				byAccount.size(), subjects, touches, 0);
		incidents.insertSnapshot(snapshot);
		for (var account : byAccount.entrySet()) {
			Map<String, Long> perCategory = new TreeMap<>();
			long accountTouches = 0;
			List<AffectedSubject> rows = new ArrayList<>(account.getValue().size());
			for (var subject : new TreeMap<>(account.getValue()).entrySet()) {
				Merged m = subject.getValue();
				m.categories().forEach(c -> perCategory.merge(c, 1L, Long::sum));
				accountTouches += m.touches()[0];
				rows.add(new AffectedSubject(account.getKey(), subject.getKey(), m.touches()[0], List.copyOf(m.categories()),
						List.copyOf(m.apps())));
			}
			incidents.insertSnapshotAccount(snapshotId, account.getKey(), account.getValue().size(), accountTouches,
					perCategory);
			incidents.insertSnapshotSubjects(snapshotId, rows);
		}
		long millis = (System.nanoTime() - started) / 1_000_000;
		incidents.finishSnapshot(snapshotId, millis);
		return new Snapshot(snapshotId, incident.id(), now, actor, incident.windowFrom(), incident.windowTo(), true,
				byAccount.size(), subjects, touches, millis);
	}

}
