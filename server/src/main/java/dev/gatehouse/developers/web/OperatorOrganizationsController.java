package dev.gatehouse.developers.web;

import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.developers.OrganizationId;
import dev.gatehouse.shared.security.UserPrincipal;
import dev.gatehouse.shared.web.InputRejectedException;
import dev.gatehouse.shared.web.NotFoundException;

import java.util.Map;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Operators browse organizations and verify publishers by hand, with a recorded reason. */
@Controller
class OperatorOrganizationsController {

	private static final int PAGE = 50;

	private final DeveloperOrganizations organizations;

	OperatorOrganizationsController(DeveloperOrganizations organizations) {
		this.organizations = organizations;
	}

	@GetMapping("/operator/organizations")
	String list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("organizations", organizations.search(q, PAGE + 1, Math.max(page, 0) * PAGE));
		model.addAttribute("q", q);
		model.addAttribute("page", Math.max(page, 0));
		model.addAttribute("pageSize", PAGE);
		return "developers/operator-organizations";
	}

	@GetMapping("/operator/organizations/{id}")
	String show(@PathVariable OrganizationId id, Model model) {
		model.addAttribute("org", organizations.find(id).orElseThrow(() -> new NotFoundException("No such organization.")));
		model.addAttribute("members", organizations.members(id));
		model.addAttribute("invitations", organizations.invitations(id));
		return "developers/operator-organization";
	}

	@PostMapping("/operator/organizations/{id}/verify")
	String verify(@AuthenticationPrincipal UserPrincipal operator, @PathVariable OrganizationId id,
			@RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
		try {
			organizations.verifyManually(id, operator.email(), reason);
			redirect.addFlashAttribute("notice", "The publisher is verified.");
		}
		catch (InputRejectedException ex) {
			redirect.addFlashAttribute("fieldErrors", Map.of(ex.field(), ex.getMessage()));
		}
		return "redirect:/operator/organizations/" + id;
	}

	@PostMapping("/operator/organizations/{id}/unverify")
	String unverify(@PathVariable OrganizationId id, @RequestParam(defaultValue = "") String reason,
			RedirectAttributes redirect) {
		try {
			organizations.revokeVerification(id, reason);
			redirect.addFlashAttribute("notice", "The verification was withdrawn.");
		}
		catch (InputRejectedException ex) {
			redirect.addFlashAttribute("fieldErrors", Map.of(ex.field(), ex.getMessage()));
		}
		return "redirect:/operator/organizations/" + id;
	}

}
