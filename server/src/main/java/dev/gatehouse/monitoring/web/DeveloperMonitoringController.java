package dev.gatehouse.monitoring.web;

import dev.gatehouse.accesslog.AccessLog;
import dev.gatehouse.accesslog.TrafficBucket;
import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppId;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.apps.AppRejectedException;
import dev.gatehouse.apps.AppStatus;
import dev.gatehouse.apps.Revision;
import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.developers.Membership;
import dev.gatehouse.enforcement.Finding;
import dev.gatehouse.enforcement.FindingStatus;
import dev.gatehouse.enforcement.Findings;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.monitoring.Monitoring;
import dev.gatehouse.monitoring.ScopeSuggestion;
import dev.gatehouse.policy.LegalDocuments;
import dev.gatehouse.policy.pack.MechanismKind;
import dev.gatehouse.policy.pack.Mechanisms;
import dev.gatehouse.policy.pack.PolicyPack;
import dev.gatehouse.shared.security.UserPrincipal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A developer's dashboard over every app of their organizations: traffic and rate-limit hits,
 * open findings, the least-privilege suggestion with its one-step scope drop, and a compliance
 * score per clause computed from the findings.
 */
@Controller
class DeveloperMonitoringController {

	static final Duration WINDOW = Duration.ofDays(7);

	private final DeveloperOrganizations organizations;

	private final AppRegistry registry;

	private final AccessLog accessLog;

	private final Findings findings;

	private final Monitoring monitoring;

	private final LegalDocuments legal;

	private final Clock clock;

	DeveloperMonitoringController(DeveloperOrganizations organizations, AppRegistry registry, AccessLog accessLog,
			Findings findings, Monitoring monitoring, LegalDocuments legal, Clock clock) {
		this.organizations = organizations;
		this.registry = registry;
		this.accessLog = accessLog;
		this.findings = findings;
		this.monitoring = monitoring;
		this.legal = legal;
		this.clock = clock;
	}

	@GetMapping("/developer/monitoring")
	String dashboard(@AuthenticationPrincipal UserPrincipal user, Model model) {
		Instant now = clock.instant();
		Instant from = now.truncatedTo(ChronoUnit.DAYS).minus(WINDOW.minusDays(1));
		List<AppPanel> panels = new ArrayList<>();
		for (Membership membership : organizations.membershipsOf(new UserId(user.userUuid()))) {
			for (App app : registry.ofOrganization(membership.organization().id())) {
				if (app.status() == AppStatus.RETIRED) {
					continue;
				}
				List<TrafficBucket> days = accessLog.traffic(app.id().value(), from, now, Duration.ofDays(1));
				List<Finding> open = findings.forSubject("app", app.id().toString()).stream()
					.filter(f -> f.status() == FindingStatus.OPEN).toList();
				ScopeSuggestion suggestion = monitoring.scopeSuggestion(app.id()).filter(ScopeSuggestion::hasUnused)
					.orElse(null);
				panels.add(new AppPanel(app, membership.organization().name(),
						days.stream().mapToLong(TrafficBucket::calls).sum(),
						days.stream().mapToLong(TrafficBucket::errors).sum(),
						days.stream().mapToLong(TrafficBucket::rateLimited).sum(), open, suggestion,
						app.liveRevisionId() != null));
			}
		}
		model.addAttribute("panels", panels);
		model.addAttribute("trafficChart", BarChart.of("dev-traffic-chart", "Calls per app, last 7 days",
				panels.stream().map(p -> new BarChart.Item(p.app().name(), p.calls())).toList()));
		model.addAttribute("limitChart", BarChart.of("dev-limit-chart", "Rate-limit hits (429) per app, last 7 days",
				panels.stream().map(p -> new BarChart.Item(p.app().name(), p.rateLimited(), "bar-limited")).toList()));
		List<ClauseScore> scores = scores(panels);
		model.addAttribute("scores", scores);
		model.addAttribute("scoreChart", BarChart.of("score-chart", "Compliance score per clause (percent of live apps without an open finding)",
				scores.stream().map(s -> new BarChart.Item(s.clauseId(), s.percent(),
						s.percent() < 100 ? "bar-error" : null)).toList()));
		return "monitoring/developer";
	}

	@PostMapping("/developer/apps/{id}/scopes/drop")
	String drop(@AuthenticationPrincipal UserPrincipal user, @PathVariable AppId id,
			@RequestParam(name = "scope", required = false) List<String> scopes, RedirectAttributes redirect) {
		try {
			Revision revision = registry.dropScopes(id, new UserId(user.userUuid()),
					scopes == null ? java.util.Set.of() : new LinkedHashSet<>(scopes));
			redirect.addFlashAttribute("notice", "Revision %d is live without %s; new tokens no longer carry it."
				.formatted(revision.number(), String.join(", ", scopes)));
		}
		catch (AppRejectedException ex) {
			redirect.addFlashAttribute("problem", ex.getMessage());
		}
		return "redirect:/developer/monitoring";
	}

	/** Per clause with an automatic check: the share of the developer's live apps with no open finding of it. */
	private List<ClauseScore> scores(List<AppPanel> panels) {
		PolicyPack pack = legal.currentPack().orElse(null);
		List<AppPanel> live = panels.stream().filter(AppPanel::live).toList();
		if (pack == null || live.isEmpty()) {
			return List.of();
		}
		List<ClauseScore> scores = new ArrayList<>();
		for (PolicyPack.Clause clause : pack.clauses()) {
			boolean checked = clause.mechanisms().stream()
				.anyMatch(m -> Mechanisms.find(m.id()).map(x -> x.kind() == MechanismKind.CHECK).orElse(false));
			if (!checked) {
				continue;
			}
			long failing = live.stream()
				.filter(p -> p.findings().stream().anyMatch(f -> f.clauseId().equals(clause.id())))
				.count();
			scores.add(new ClauseScore(clause.id(), clause.title(), live.size() - failing, live.size(),
					(int) Math.round(100.0 * (live.size() - failing) / live.size())));
		}
		return scores;
	}

	record AppPanel(App app, String organization, long calls, long errors, long rateLimited, List<Finding> findings,
			ScopeSuggestion suggestion, boolean live) {
	}

	record ClauseScore(String clauseId, String title, long passing, long apps, int percent) {
	}

}
