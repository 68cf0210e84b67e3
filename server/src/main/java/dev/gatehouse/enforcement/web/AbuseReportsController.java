package dev.gatehouse.enforcement.web;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppId;
import dev.gatehouse.enforcement.AbuseReport;
import dev.gatehouse.enforcement.AbuseReportStatus;
import dev.gatehouse.enforcement.AbuseReports;
import dev.gatehouse.enforcement.Violation;
import dev.gatehouse.enforcement.Violations;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.shared.security.UserPrincipal;
import dev.gatehouse.shared.web.InputRejectedException;

import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Report this app": the form the marketplace listing and the installed-apps page link to, and the
 * operators' triage queue.
 */
@Controller
class AbuseReportsController {

	private static final int PAGE = 50;

	private final AbuseReports reports;

	private final Violations violations;

	AbuseReportsController(AbuseReports reports, Violations violations) {
		this.reports = reports;
		this.violations = violations;
	}

	@GetMapping("/report/apps/{appId}")
	String form(@PathVariable AppId appId, Model model) {
		model.addAttribute("app", reports.reportable(appId));
		model.addAttribute("categories", AbuseReports.CATEGORIES);
		return "enforcement/report-app";
	}

	@PostMapping("/report/apps/{appId}")
	String report(@AuthenticationPrincipal UserPrincipal user, @PathVariable AppId appId,
			@RequestParam(defaultValue = "") String category, @RequestParam(defaultValue = "") String description,
			Model model) {
		App app = reports.reportable(appId);
		try {
			reports.report(appId, new UserId(user.userUuid()), category, description);
			model.addAttribute("app", app);
			model.addAttribute("sent", true);
		}
		catch (InputRejectedException ex) {
			model.addAttribute("app", app);
			model.addAttribute("fieldErrors", Map.of(ex.field(), ex.getMessage()));
			model.addAttribute("category", category);
			model.addAttribute("description", description);
		}
		model.addAttribute("categories", AbuseReports.CATEGORIES);
		return "enforcement/report-app";
	}

	@GetMapping("/operator/enforcement/abuse-reports")
	String queue(@RequestParam(defaultValue = "OPEN") String status, @RequestParam(defaultValue = "0") int page,
			Model model) {
		AbuseReportStatus filter = Arrays.stream(AbuseReportStatus.values()).filter(s -> s.name().equals(status)).findFirst().orElse(null);
		model.addAttribute("reports", reports.queue(filter, PAGE + 1, Math.max(page, 0) * PAGE));
		model.addAttribute("status", filter == null ? "ALL" : filter.name());
		model.addAttribute("statuses", AbuseReportStatus.values());
		model.addAttribute("page", Math.max(page, 0));
		model.addAttribute("pageSize", PAGE);
		return "enforcement/abuse-reports";
	}

	@GetMapping("/operator/enforcement/abuse-reports/{id}")
	String show(@PathVariable UUID id, Model model) {
		AbuseReport report = reports.require(id);
		model.addAttribute("report", report);
		model.addAttribute("app", reports.reportable(new AppId(report.appId())));
		model.addAttribute("categories", AbuseReports.CATEGORIES);
		model.addAttribute("clauses", violations.clauses());
		return "enforcement/abuse-report";
	}

	@PostMapping("/operator/enforcement/abuse-reports/{id}/dismiss")
	String dismiss(@AuthenticationPrincipal UserPrincipal user, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String note, RedirectAttributes redirect) {
		try {
			reports.dismiss(id, note, user.email());
			redirect.addFlashAttribute("notice", "The report is dismissed.");
			return "redirect:/operator/enforcement/abuse-reports";
		}
		catch (InputRejectedException ex) {
			redirect.addFlashAttribute("fieldErrors", Map.of(ex.field(), ex.getMessage()));
			return "redirect:/operator/enforcement/abuse-reports/" + id;
		}
	}

	@PostMapping("/operator/enforcement/abuse-reports/{id}/convert")
	String convert(@AuthenticationPrincipal UserPrincipal user, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String clauseId, @RequestParam(defaultValue = "") String note,
			RedirectAttributes redirect) {
		try {
			Violation violation = reports.convert(id, clauseId, note, user.email());
			redirect.addFlashAttribute("notice", "The report is a violation; decide the action.");
			return "redirect:/operator/enforcement/violations/" + violation.id();
		}
		catch (InputRejectedException ex) {
			redirect.addFlashAttribute("fieldErrors", Map.of(ex.field(), ex.getMessage()));
			return "redirect:/operator/enforcement/abuse-reports/" + id;
		}
	}

}
