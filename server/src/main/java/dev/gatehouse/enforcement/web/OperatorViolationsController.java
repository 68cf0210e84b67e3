package dev.gatehouse.enforcement.web;

import dev.gatehouse.enforcement.Appeals;
import dev.gatehouse.enforcement.Violation;
import dev.gatehouse.enforcement.ViolationStatus;
import dev.gatehouse.enforcement.Violations;
import dev.gatehouse.policy.pack.PenaltyAction;
import dev.gatehouse.shared.security.UserPrincipal;
import dev.gatehouse.shared.web.InputRejectedException;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Operators: the violations queue, a violation with the ladder's proposal, the decision form,
 * reinstatement, dismissal and appeal decisions; and turning a finding into a violation.
 */
@Controller
class OperatorViolationsController {

	private static final int PAGE = 50;

	private final Violations violations;

	private final Appeals appeals;

	OperatorViolationsController(Violations violations, Appeals appeals) {
		this.violations = violations;
		this.appeals = appeals;
	}

	@GetMapping("/operator/enforcement/violations")
	String queue(@RequestParam(defaultValue = "PROPOSED") String status, @RequestParam(defaultValue = "0") int page,
			Model model) {
		ViolationStatus filter = Arrays.stream(ViolationStatus.values()).filter(s -> s.name().equals(status)).findFirst().orElse(null);
		model.addAttribute("violations", violations.queue(filter, PAGE + 1, Math.max(page, 0) * PAGE));
		model.addAttribute("status", filter == null ? "ALL" : filter.name());
		model.addAttribute("statuses", ViolationStatus.values());
		model.addAttribute("page", Math.max(page, 0));
		model.addAttribute("pageSize", PAGE);
		model.addAttribute("appeals", appeals.pending());
		model.addAttribute("names", new Names(violations));
		return "enforcement/violations";
	}

	@GetMapping("/operator/enforcement/violations/{id}")
	String show(@PathVariable UUID id, Model model) {
		Violation violation = violations.require(id);
		model.addAttribute("violation", violation);
		model.addAttribute("subjectName", violations.subjectName(violation));
		model.addAttribute("clause", violations.clause(violation.clauseId()).orElse(null));
		model.addAttribute("actions", violations.actions(id));
		model.addAttribute("notices", violations.notices(id));
		model.addAttribute("appeals", appeals.ofViolation(id));
		model.addAttribute("steps", PenaltyAction.values());
		model.addAttribute("ladder", violations.ladderSteps());
		model.addAttribute("noticeRequired", Arrays.stream(PenaltyAction.values())
			.collect(Collectors.toMap(PenaltyAction::value, violations::noticeRequired)));
		model.addAttribute("defaultScopes", String.join(" ", violations.defaultScopes(violation)));
		model.addAttribute("label", new Labels());
		return "enforcement/violation";
	}

	@PostMapping("/operator/enforcement/violations/{id}/decision")
	String decide(@AuthenticationPrincipal UserPrincipal user, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String action, @RequestParam(defaultValue = "") String reason,
			@RequestParam(defaultValue = "default") String notice, @RequestParam(defaultValue = "") String scopes,
			RedirectAttributes redirect) {
		Boolean withNotice = switch (notice) {
			case "with" -> true;
			case "without" -> false;
			default -> null;
		};
		Set<String> scopeSet = Arrays.stream(scopes.split("[\\s,]+")).filter(s -> !s.isBlank()).collect(Collectors.toSet());
		return run(redirect, id, "The action is in force.", () -> violations.decide(id, new Violations.Decision(
				PenaltyAction.of(action).orElse(null), reason, withNotice, scopeSet), user.email()));
	}

	@PostMapping("/operator/enforcement/violations/{id}/reinstate")
	String reinstate(@AuthenticationPrincipal UserPrincipal user, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
		return run(redirect, id, "Reinstated: the actions are lifted.", () -> violations.reinstate(id, reason, user.email()));
	}

	@PostMapping("/operator/enforcement/violations/{id}/dismiss")
	String dismiss(@AuthenticationPrincipal UserPrincipal user, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
		return run(redirect, id, "The violation is dismissed.", () -> violations.dismiss(id, reason, user.email()));
	}

	@PostMapping("/operator/enforcement/appeals/{appealId}/decision")
	String decideAppeal(@AuthenticationPrincipal UserPrincipal user, @PathVariable UUID appealId,
			@RequestParam UUID violationId, @RequestParam(defaultValue = "reject") String outcome,
			@RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
		return run(redirect, violationId, "The appeal is decided.",
				() -> appeals.decide(appealId, "uphold".equals(outcome), reason, user.email()));
	}

	@PostMapping("/operator/findings/{findingId}/violation")
	String fromFinding(@AuthenticationPrincipal UserPrincipal user, @PathVariable UUID findingId,
			RedirectAttributes redirect) {
		Violation violation = violations.fromFinding(findingId, user.email());
		redirect.addFlashAttribute("notice", "The finding is a violation; decide the action.");
		return "redirect:/operator/enforcement/violations/" + violation.id();
	}

	private static String run(RedirectAttributes redirect, UUID id, String done, Runnable step) {
		try {
			step.run();
			redirect.addFlashAttribute("notice", done);
		}
		catch (InputRejectedException ex) {
			redirect.addFlashAttribute("fieldErrors", Map.of(ex.field(), ex.getMessage()));
		}
		return "redirect:/operator/enforcement/violations/" + id;
	}

	/** Names of subjects for the queue. */
	record Names(Violations violations) {
		public String of(Violation violation) {
			return violations.subjectName(violation);
		}
	}

	/** Action labels for templates. */
	record Labels() {
		public String of(PenaltyAction action) {
			return Violations.label(action);
		}
	}

}
