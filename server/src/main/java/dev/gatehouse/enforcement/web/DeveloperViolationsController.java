package dev.gatehouse.enforcement.web;

import dev.gatehouse.enforcement.Appeals;
import dev.gatehouse.enforcement.Violation;
import dev.gatehouse.enforcement.Violations;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.shared.security.UserPrincipal;
import dev.gatehouse.shared.web.InputRejectedException;

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

/** Developers: the violations of their organizations, the notices they were sent, and their appeals. */
@Controller
class DeveloperViolationsController {

	private final Violations violations;

	private final Appeals appeals;

	DeveloperViolationsController(Violations violations, Appeals appeals) {
		this.violations = violations;
		this.appeals = appeals;
	}

	@GetMapping("/developer/enforcement")
	String list(@AuthenticationPrincipal UserPrincipal user, Model model) {
		model.addAttribute("violations", violations.ofDeveloper(new UserId(user.userUuid())));
		model.addAttribute("names", new OperatorViolationsController.Names(violations));
		return "enforcement/developer-violations";
	}

	@GetMapping("/developer/enforcement/violations/{id}")
	String show(@AuthenticationPrincipal UserPrincipal user, @PathVariable UUID id, Model model) {
		Violation violation = violations.requireForDeveloper(id, new UserId(user.userUuid()));
		model.addAttribute("violation", violation);
		model.addAttribute("subjectName", violations.subjectName(violation));
		model.addAttribute("clause", violations.clause(violation.clauseId()).orElse(null));
		model.addAttribute("actions", violations.actions(id));
		model.addAttribute("notices", violations.notices(id)
			.stream()
			.filter(n -> n.audience().equals("developer") && n.userId().equals(user.userUuid()))
			.toList());
		model.addAttribute("appeals", appeals.ofViolation(id));
		model.addAttribute("label", new OperatorViolationsController.Labels());
		return "enforcement/developer-violation";
	}

	@PostMapping("/developer/enforcement/violations/{id}/appeal")
	String appeal(@AuthenticationPrincipal UserPrincipal user, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String grounds, RedirectAttributes redirect) {
		try {
			appeals.file(id, new UserId(user.userUuid()), grounds);
			redirect.addFlashAttribute("notice", "Your appeal is filed. An operator will decide it; you will be told.");
		}
		catch (InputRejectedException ex) {
			redirect.addFlashAttribute("fieldErrors", Map.of(ex.field(), ex.getMessage()));
			redirect.addFlashAttribute("grounds", grounds);
		}
		return "redirect:/developer/enforcement/violations/" + id;
	}

}
