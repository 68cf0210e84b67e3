package dev.gatehouse.identity.web;

import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.IdentityException;
import dev.gatehouse.identity.NewUserCommand;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.identity.UserKind;

import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Operator admins manage accounts: find, create staff, disable (ending every session), enable. */
@Controller
class OperatorUsersController {

	private static final int PAGE = 50;

	private final Accounts accounts;

	OperatorUsersController(Accounts accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/operator/users")
	String list(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) UserKind kind,
			@RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("users", accounts.search(q, kind, PAGE + 1, page * PAGE));
		model.addAttribute("q", q);
		model.addAttribute("kind", kind);
		model.addAttribute("page", page);
		model.addAttribute("pageSize", PAGE);
		model.addAttribute("kinds", UserKind.values());
		model.addAttribute("staffRoles", UserKind.OPERATOR.allowedRoles());
		return "identity/operator-users";
	}

	@PostMapping("/operator/users")
	String createStaff(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String displayName,
			@RequestParam(defaultValue = "SUPPORT") Role role, @RequestParam(defaultValue = "") String password,
			RedirectAttributes redirect) {
		try {
			accounts.create(new NewUserCommand(email, displayName, UserKind.OPERATOR, Set.of(role), password, true));
			redirect.addFlashAttribute("notice", "Created " + email + ". They must change the password at first login.");
		}
		catch (IdentityException ex) {
			redirect.addFlashAttribute("fieldErrors", Map.of(ex.field() == null ? "form" : ex.field(), ex.getMessage()));
			redirect.addFlashAttribute("form", Map.of("email", email, "displayName", displayName, "role", role.name()));
		}
		return "redirect:/operator/users";
	}

	@PostMapping("/operator/users/{id}/disable")
	String disable(@PathVariable UserId id, RedirectAttributes redirect) {
		accounts.disable(id);
		redirect.addFlashAttribute("notice", "The account is disabled and its sessions have ended.");
		return "redirect:/operator/users";
	}

	@PostMapping("/operator/users/{id}/enable")
	String enable(@PathVariable UserId id, RedirectAttributes redirect) {
		accounts.enable(id);
		redirect.addFlashAttribute("notice", "The account is enabled.");
		return "redirect:/operator/users";
	}

}
