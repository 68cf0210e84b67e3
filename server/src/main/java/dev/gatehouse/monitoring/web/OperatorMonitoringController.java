package dev.gatehouse.monitoring.web;

import dev.gatehouse.accesslog.AccessLog;
import dev.gatehouse.accesslog.TrafficBucket;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.apps.AppStatus;
import dev.gatehouse.enforcement.Finding;
import dev.gatehouse.enforcement.Findings;
import dev.gatehouse.enforcement.ViolationStatus;
import dev.gatehouse.enforcement.Violations;
import dev.gatehouse.incidents.IncidentStatus;
import dev.gatehouse.incidents.Incidents;
import dev.gatehouse.gateway.Throttles;
import dev.gatehouse.monitoring.DetectorRun;
import dev.gatehouse.monitoring.Monitoring;
import dev.gatehouse.privacy.PrivacyRequests;
import dev.gatehouse.privacy.RequestStatus;
import dev.gatehouse.shared.security.Authorities;
import dev.gatehouse.shared.security.UserPrincipal;
import dev.gatehouse.shared.web.InputRejectedException;
import dev.gatehouse.shared.web.NotFoundException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Ecosystem health for operators: apps by state, findings by clause, privacy, traffic, detector runs. */
@Controller
class OperatorMonitoringController {

	/** Who may end a throttle early: it undoes a protective measure, like reinstating an app. */
	static final String LIFT = "hasAnyRole('ADMIN', 'COMPLIANCE')";

	/** Open findings read for the by-clause chart; more than this is a backlog, shown as "at least". */
	static final int FINDINGS_READ = 2000;

	private final AppRegistry registry;

	private final Findings findings;

	private final PrivacyRequests privacy;

	private final AccessLog accessLog;

	private final Monitoring monitoring;

	private final Throttles throttles;

	private final Clock clock;

	private final Violations violations;

	private final Incidents incidents;

	OperatorMonitoringController(AppRegistry registry, Findings findings, PrivacyRequests privacy, AccessLog accessLog,
			Monitoring monitoring, Throttles throttles, Clock clock, Violations violations, Incidents incidents) {
		this.violations = violations;
		this.incidents = incidents;
		this.registry = registry;
		this.findings = findings;
		this.privacy = privacy;
		this.accessLog = accessLog;
		this.monitoring = monitoring;
		this.throttles = throttles;
		this.clock = clock;
	}

	/** Tiles count up to this many and then say "+". */
	static final int COUNT_READ = 500;

	@GetMapping("/operator/monitoring")
	String dashboard(Authentication authentication, Model model) {
		Map<AppStatus, Long> states = registry.countByStatus();
		List<BarChart.Item> stateItems = new ArrayList<>();
		states.forEach((status, count) -> stateItems.add(new BarChart.Item(label(status), count,
				status == AppStatus.SUSPENDED || status == AppStatus.BLOCKED ? "bar-error" : null)));
		model.addAttribute("appsChart", BarChart.of("apps-chart", "Apps by state", stateItems));

		List<Finding> open = findings.open(FINDINGS_READ, 0);
		Map<String, Long> byClause = new TreeMap<>();
		open.forEach(f -> byClause.merge(f.clauseId(), 1L, Long::sum));
		model.addAttribute("findingsChart", BarChart.of("findings-chart", "Open findings by clause",
				byClause.entrySet().stream().map(e -> new BarChart.Item(e.getKey(), e.getValue(), "bar-limited")).toList()));
		model.addAttribute("openFindings", open.size());
		model.addAttribute("findingsCapped", open.size() >= FINDINGS_READ);

		var overdue = privacy.latest(RequestStatus.OVERDUE, 200);
		model.addAttribute("overdueRequests", overdue);
		int awaiting = violations.queue(ViolationStatus.PROPOSED, COUNT_READ, 0).size();
		int inForce = violations.queue(ViolationStatus.ACTIONED, COUNT_READ, 0).size();
		model.addAttribute("violationsAwaiting", awaiting);
		model.addAttribute("violationsInForce", inForce);
		model.addAttribute("violationsCapped", awaiting >= COUNT_READ || inForce >= COUNT_READ);
		var openIncidents = incidents.latest(IncidentStatus.OPEN, COUNT_READ);
		model.addAttribute("openIncidents", openIncidents.size());
		model.addAttribute("incidentsCapped", openIncidents.size() >= COUNT_READ);
		model.addAttribute("incidentsOverdue", openIncidents.stream()
			.filter(incident -> incidents.clocks(incident).anyLate()).count());

		Instant now = clock.instant();
		Instant from = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(13));
		List<TrafficBucket> days = accessLog.traffic(null, from, now, Duration.ofDays(1));
		DateTimeFormatter day = DateTimeFormatter.ofPattern("MMM d").withZone(ZoneOffset.UTC);
		model.addAttribute("trafficChart", BarChart.of("traffic-chart", "Calls per day, last 14 days (UTC)",
				days.stream().map(b -> new BarChart.Item(day.format(b.start()), b.calls())).toList()));
		model.addAttribute("trafficDays", days);
		model.addAttribute("runs", monitoring.recentRuns(24));
		model.addAttribute("throttles", throttles.active());
		model.addAttribute("canLift", authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.anyMatch(Set.of(Authorities.ADMIN, Authorities.COMPLIANCE)::contains));
		return "monitoring/operator";
	}

	/**
	 * Ends a throttle before its time, for example once the anomaly that imposed it is explained.
	 * The gateway records {@code gateway.throttle.lifted} with the operator as actor.
	 */
	@PostMapping("/operator/monitoring/throttles/{id}/lift")
	@PreAuthorize(LIFT)
	String lift(@AuthenticationPrincipal UserPrincipal user, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
		try {
			throttles.lift(id, user.email(), reason);
			redirect.addFlashAttribute("notice", "Throttle lifted: the app is held to its usual rate limits again.");
		}
		catch (NotFoundException ex) {
			redirect.addFlashAttribute("notice", "That throttle has already ended.");
		}
		catch (InputRejectedException ex) {
			// Shown next to that throttle's form; the page is a redirect away, so by flash attributes.
			redirect.addFlashAttribute("liftErrorFor", id);
			redirect.addFlashAttribute("liftError", ex.getMessage());
		}
		return "redirect:/operator/monitoring";
	}

	@PostMapping("/operator/monitoring/run")
	String run(@AuthenticationPrincipal UserPrincipal user, RedirectAttributes redirect) {
		try {
			List<DetectorRun> runs = monitoring.runNow(user.email());
			redirect.addFlashAttribute("notice", "Detectors ran in %d ms and reported %d findings (each recorded once while open)."
				.formatted(runs.stream().mapToLong(DetectorRun::millis).sum(), runs.stream().mapToInt(DetectorRun::findings).sum()));
		}
		catch (IllegalStateException ex) {
			redirect.addFlashAttribute("notice", ex.getMessage());
		}
		return "redirect:/operator/monitoring";
	}

	static String label(AppStatus status) {
		String name = status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
		return Character.toUpperCase(name.charAt(0)) + name.substring(1);
	}

}
