package dev.gatehouse.enforcement.internal;

import dev.gatehouse.enforcement.FindingRecorded;
import dev.gatehouse.shared.findings.FindingReported;

import java.time.Clock;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Records reported findings in the reporter's transaction: a finding is never lost or half-made. */
@Component
class FindingRecorder {

	private final FindingRepository findings;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	FindingRecorder(FindingRepository findings, ApplicationEventPublisher events, TransactionTemplate transactions,
			Clock clock) {
		this.findings = findings;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	@EventListener
	void on(FindingReported report) {
		transactions.executeWithoutResult(status -> {
			UUID id = UUID.randomUUID();
			if (findings.insertIfNew(id, report.clauseId(), report.subjectType(), report.subjectId(), report.source(),
					report.dedupKey(), report.summary(), report.evidence(), clock.instant())) {
				events.publishEvent(
						new FindingRecorded(id, report.clauseId(), report.subjectType(), report.subjectId(), report.source()));
			}
		});
	}

}
