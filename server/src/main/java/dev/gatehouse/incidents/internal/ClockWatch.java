package dev.gatehouse.incidents.internal;

import dev.gatehouse.incidents.Incident;
import dev.gatehouse.incidents.IncidentClock;
import dev.gatehouse.incidents.IncidentEvents.ClockOverdue;
import dev.gatehouse.incidents.IncidentsProperties;
import dev.gatehouse.shared.findings.FindingReported;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each round: follows queued notices' mail, and marks clocks that ran out: the authority clock (no
 * authority notification recorded within the pack's breach notification hours of awareness) and the
 * customer clock (an affected account still without its notice). Each overdue clock is written once
 * (its stamp), goes on the timeline and is reported as a finding against each app of the incident,
 * so the compliance team sees it in its queue. Rows are claimed with SKIP LOCKED: any node may run a
 * round, none acts twice.
 */
@Component
public class ClockWatch {

	private static final Logger log = LoggerFactory.getLogger(ClockWatch.class);

	private final IncidentRepository incidents;

	private final IncidentTerms terms;

	private final NoticeTracker tracker;

	private final ApplicationEventPublisher events;

	private final IncidentsProperties properties;

	private final TransactionTemplate transactions;

	private final Clock clock;

	ClockWatch(IncidentRepository incidents, IncidentTerms terms, NoticeTracker tracker, ApplicationEventPublisher events,
			IncidentsProperties properties, TransactionTemplate transactions, Clock clock) {
		this.incidents = incidents;
		this.terms = terms;
		this.tracker = tracker;
		this.events = events;
		this.properties = properties;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${gatehouse.incidents.clock-interval:5m}", initialDelayString = "45s")
	void scheduledRound() {
		try {
			round(clock.instant());
		}
		catch (RuntimeException ex) {
			log.warn("Incident clock round failed: {}", ex.toString());
		}
	}

	/**
	 * One round as of {@code now}: the schedule passes the clock's time; tests and an operator's
	 * what-if pass another. @return notices followed plus clocks marked overdue
	 */
	public int round(Instant now) {
		// One pass over the queued notices: a held mail stays queued, so looping until fewer come back would not end.
		int handled = transactions.execute(status -> tracker.refresh(properties.batchSize() * 50));
		int batch;
		Instant dueBefore = now.minus(terms.notifyWithin());
		do {
			batch = transactions.execute(status -> overdue(incidents.claimAuthorityOverdue(dueBefore, properties.batchSize()),
					"authority", now));
			handled += batch;
		}
		while (batch == properties.batchSize());
		do {
			batch = transactions.execute(status -> overdue(incidents.claimCustomersOverdue(dueBefore, properties.batchSize()),
					"customers", now));
			handled += batch;
		}
		while (batch == properties.batchSize());
		return handled;
	}

	private int overdue(List<Incident> late, String which, Instant now) {
		String clause = terms.clause();
		for (Incident incident : late) {
			Instant due = incident.platformAwareAt().plus(terms.notifyWithin());
			incidents.markOverdue(incident.id(), which, clock.instant());
			String what = which.equals("authority") ? "the supervisory authority was not notified"
					: "not every affected customer account was notified";
			incidents.note(incident.id(), clock.instant(), "clock." + which + ".overdue", "system",
					"due at " + due + " (" + terms.notifyWithin().toHours() + " h after awareness); " + what);
			events.publishEvent(new ClockOverdue(incident.id(), which, due));
			Map<String, Object> evidence = new LinkedHashMap<>();
			evidence.put("incident", incident.id().toString());
			evidence.put("reference", incident.reference());
			evidence.put("selfReported", incident.selfReported());
			evidence.put("platformAwareAt", incident.platformAwareAt().toString());
			evidence.put("dueAt", due.toString());
			evidence.put("clock", which);
			evidence.put("checkedAt", now.toString());
			for (UUID app : incident.appIds()) {
				events.publishEvent(new FindingReported(clause, "app", app.toString(), "incident.clock",
						"incident:" + incident.id() + ":" + which + "-overdue",
						"Incident " + incident.reference() + ": " + IncidentClock.format(terms.notifyWithin())
								+ " after awareness " + what + ".",
						evidence));
			}
		}
		return late.size();
	}

}
