package dev.gatehouse.policy.internal;

import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.policy.DocumentStanding;
import dev.gatehouse.policy.LegalDocuments;
import dev.gatehouse.policy.StandingState;
import dev.gatehouse.shared.findings.FindingReported;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Files a finding for every organization past a re-acceptance deadline. Findings are de-duplicated
 * per organization and version, so running this often is harmless.
 */
@Component
public class ReacceptanceDeadlines {

	private static final Logger log = LoggerFactory.getLogger(ReacceptanceDeadlines.class);

	static final String MECHANISM = "flow.legal-acceptance";

	private final LegalDocuments documents;

	private final DeveloperOrganizations organizations;

	private final ApplicationEventPublisher events;

	ReacceptanceDeadlines(LegalDocuments documents, DeveloperOrganizations organizations,
			ApplicationEventPublisher events) {
		this.documents = documents;
		this.organizations = organizations;
		this.events = events;
	}

	@Scheduled(cron = "${gatehouse.policy.deadline-cron:0 15 * * * *}")
	@Transactional
	public int fileOverdueFindings() {
		String clause = documents.currentPack()
			.flatMap(pack -> pack.clauses().stream().filter(c -> c.covers().contains("PW-6")).findFirst())
			.map(c -> c.id())
			.orElse("PW-6");
		int filed = 0;
		for (var organization : organizations.allIds()) {
			for (DocumentStanding standing : documents.standing(organization)) {
				if (standing.state() != StandingState.OVERDUE) {
					continue;
				}
				Map<String, Object> evidence = new LinkedHashMap<>();
				evidence.put("document", standing.kind().slug());
				evidence.put("currentVersion", standing.current().version());
				evidence.put("acceptedVersion", standing.acceptedVersion());
				evidence.put("deadline", standing.deadline().toString());
				events.publishEvent(new FindingReported(clause, "organization", organization.toString(), MECHANISM,
						"legal-acceptance:" + standing.current().id(),
						"Did not re-accept " + standing.current().label() + " by " + standing.deadline() + ".", evidence));
				filed++;
			}
		}
		if (filed > 0) {
			log.info("Reported {} overdue re-acceptance(s)", filed);
		}
		return filed;
	}

}
