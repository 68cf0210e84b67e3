package dev.gatehouse.identity.web;

import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.IdentityException;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.shared.security.UserPrincipal;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Turning on TOTP from the security page, for users who may (customer users) rather than must
 * (staff and developers, who enrol during their first login).
 */
@Controller
class SecondFactorSettingsController {

	private final Accounts accounts;

	SecondFactorSettingsController(Accounts accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/account/second-factor")
	String form(@AuthenticationPrincipal UserPrincipal user, Model model) {
		var id = new UserId(user.userUuid());
		if (accounts.find(id).orElseThrow().secondFactorEnrolled()) {
			return "redirect:/account/security";
		}
		model.addAttribute("enrollment", accounts.pendingTotpEnrollment(id).orElseGet(() -> accounts.startTotpEnrollment(id)));
		model.addAttribute("action", "/account/second-factor");
		return "identity/enroll";
	}

	@PostMapping("/account/second-factor")
	String confirm(@AuthenticationPrincipal UserPrincipal user, @RequestParam(defaultValue = "") String code,
			HttpServletRequest request, Model model) {
		var id = new UserId(user.userUuid());
		try {
			model.addAttribute("codes",
					accounts.confirmTotpEnrollment(id, code, request.getRemoteAddr(), request.getHeader("User-Agent")));
			model.addAttribute("continueAction", null);
			return "identity/recovery-codes";
		}
		catch (IdentityException ex) {
			model.addAttribute("enrollment", accounts.pendingTotpEnrollment(id).orElse(null));
			model.addAttribute("action", "/account/second-factor");
			model.addAttribute("error", ex.getMessage());
			return "identity/enroll";
		}
	}

}
