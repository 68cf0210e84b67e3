package dev.gatehouse.enforcement;

import dev.gatehouse.enforcement.internal.FindingRepository;
import dev.gatehouse.shared.web.InputRejectedException;
import dev.gatehouse.shared.web.NotFoundException;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The enforcement module's facade for findings. */
@Service
public class Findings {

	private final FindingRepository findings;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Findings(FindingRepository findings, ApplicationEventPublisher events, Clock clock) {
		this.findings = findings;
		this.events = events;
		this.clock = clock;
	}

	public List<Finding> open(int limit, int offset) {
		return findings.find(FindingStatus.OPEN, null, null, limit, offset);
	}

	public List<Finding> forSubject(String subjectType, String subjectId) {
		return findings.find(null, subjectType, subjectId, 200, 0);
	}

	public Optional<Finding> find(UUID id) {
		return findings.findById(id);
	}

	@Transactional
	public void close(UUID id, FindingStatus status, String reason) {
		if (status == FindingStatus.OPEN) {
			throw new InputRejectedException("status", "Choose resolved or dismissed.");
		}
		if (reason == null || reason.isBlank()) {
			throw new InputRejectedException("reason", "Say why the finding is closed.");
		}
		if (!findings.close(id, status, reason.strip(), clock.instant())) {
			throw new NotFoundException("No open finding with that id.");
		}
		events.publishEvent(new FindingClosed(id, status, reason.strip()));
	}

}
