package dev.gatehouse.monitoring;

import dev.gatehouse.apps.AppId;
import dev.gatehouse.monitoring.internal.DetectorRunner;
import dev.gatehouse.monitoring.internal.MonitoringRepository;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

/** The monitoring facade: run the detectors now, and read what they computed. */
@Service
public class Monitoring {

	private final DetectorRunner runner;

	private final MonitoringRepository repository;

	Monitoring(DetectorRunner runner, MonitoringRepository repository) {
		this.runner = runner;
		this.repository = repository;
	}

	/**
	 * Runs every detector now, as the schedule would. Refused while another node runs them.
	 *
	 * @return each detector's outcome
	 */
	public List<DetectorRun> runNow(String operator) {
		return runner.runClaimed(operator == null ? "operator" : operator, true)
			.orElseThrow(() -> new IllegalStateException("The detectors are running on another node; try again shortly."));
	}

	/** The latest detector outcomes, newest first. */
	public List<DetectorRun> recentRuns(int limit) {
		return repository.recentRuns(Math.clamp(limit, 1, 500));
	}

	public Optional<ScopeSuggestion> scopeSuggestion(AppId app) {
		return repository.suggestion(app.value());
	}

}
