package dev.gatehouse.identity.web;

import dev.gatehouse.identity.IdentityException;
import dev.gatehouse.identity.PasswordResets;

import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The public "forgot password" pages. */
@Controller
class PasswordResetController {

	private final PasswordResets resets;

	PasswordResetController(PasswordResets resets) {
		this.resets = resets;
	}

	@GetMapping("/password-reset")
	String form(@RequestParam(required = false) String token, Model model) {
		if (token == null) {
			return "identity/password-reset-request";
		}
		model.addAttribute("token", token);
		model.addAttribute("valid", resets.valid(token));
		return "identity/password-reset";
	}

	@PostMapping("/password-reset")
	String request(@RequestParam(defaultValue = "") String email, Model model) {
		resets.request(email);
		model.addAttribute("sent", true);
		model.addAttribute("email", email);
		return "identity/password-reset-request";
	}

	@PostMapping("/password-reset/complete")
	String complete(@RequestParam(defaultValue = "") String token, @RequestParam(defaultValue = "") String newPassword,
			@RequestParam(defaultValue = "") String confirmPassword, Model model) {
		try {
			if (!newPassword.equals(confirmPassword)) {
				throw new IdentityException("confirmPassword", "The two passwords differ.");
			}
			resets.reset(token, newPassword);
			return "redirect:/login?reset";
		}
		catch (IdentityException ex) {
			model.addAttribute("token", token);
			model.addAttribute("valid", !"token".equals(ex.field()));
			model.addAttribute("fieldErrors", Map.of(ex.field(), ex.getMessage()));
			return "identity/password-reset";
		}
	}

}
