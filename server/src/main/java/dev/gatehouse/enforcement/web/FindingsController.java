package dev.gatehouse.enforcement.web;

import dev.gatehouse.enforcement.FindingStatus;
import dev.gatehouse.enforcement.Findings;
import dev.gatehouse.enforcement.Violations;
import dev.gatehouse.shared.web.InputRejectedException;
import dev.gatehouse.shared.web.NotFoundException;

import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Operators see open findings, their evidence, and close them with a reason. */
@Controller
class FindingsController {

	private static final int PAGE = 50;

	private final Findings findings;

	private final Violations violations;

	FindingsController(Findings findings, Violations violations) {
		this.findings = findings;
		this.violations = violations;
	}

	@GetMapping("/operator/findings")
	String list(@RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("findings", findings.open(PAGE + 1, Math.max(page, 0) * PAGE));
		model.addAttribute("page", Math.max(page, 0));
		model.addAttribute("pageSize", PAGE);
		return "enforcement/findings";
	}

	@GetMapping("/operator/findings/{id}")
	String show(@PathVariable UUID id, Model model) {
		model.addAttribute("finding", findings.find(id).orElseThrow(() -> new NotFoundException("No such finding.")));
		model.addAttribute("violation", violations.ofFinding(id).orElse(null));
		return "enforcement/finding";
	}

	@PostMapping("/operator/findings/{id}/close")
	String close(@PathVariable UUID id, @RequestParam(defaultValue = "RESOLVED") FindingStatus status,
			@RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
		try {
			findings.close(id, status, reason);
			redirect.addFlashAttribute("notice", "The finding is " + status.name().toLowerCase() + ".");
			return "redirect:/operator/findings";
		}
		catch (InputRejectedException ex) {
			redirect.addFlashAttribute("fieldErrors", Map.of(ex.field(), ex.getMessage()));
			return "redirect:/operator/findings/" + id;
		}
	}

}
