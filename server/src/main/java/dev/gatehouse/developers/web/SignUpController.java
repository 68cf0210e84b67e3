package dev.gatehouse.developers.web;

import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.developers.SignUpCommand;
import dev.gatehouse.shared.web.InputRejectedException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Public developer sign-up and the email verification link. */
@Controller
class SignUpController {

	private final DeveloperOrganizations organizations;

	SignUpController(DeveloperOrganizations organizations) {
		this.organizations = organizations;
	}

	@GetMapping("/signup")
	String form(Model model) {
		model.addAttribute("form", new SignUpForm());
		return "developers/signup";
	}

	@PostMapping("/signup")
	String signUp(@Valid @ModelAttribute("form") SignUpForm form, BindingResult errors, HttpServletRequest request,
			Model model) {
		if (!form.isAcceptTerms()) {
			errors.rejectValue("acceptTerms", "required",
					"Confirm that you will review and accept the developer terms before publishing apps.");
		}
		if (!errors.hasErrors()) {
			try {
				organizations.signUp(new SignUpCommand(form.getOrganizationName(), form.getDisplayName(), form.getEmail(),
						form.getPassword(), request.getRemoteAddr()));
				model.addAttribute("email", form.getEmail());
				return "developers/signup-sent";
			}
			catch (InputRejectedException ex) {
				errors.rejectValue(ex.field() == null ? "email" : ex.field(), "rejected", ex.getMessage());
			}
		}
		form.setPassword("");
		return "developers/signup";
	}

	@GetMapping("/signup/verify")
	String verify(@RequestParam(defaultValue = "") String token, Model model) {
		if (organizations.verifyEmail(token)) {
			return "redirect:/login?verified";
		}
		model.addAttribute("invalid", true);
		return "developers/signup-sent";
	}

	@PostMapping("/signup/resend")
	String resend(@RequestParam(defaultValue = "") String email, Model model) {
		organizations.resendVerification(email);
		model.addAttribute("email", email);
		return "developers/signup-sent";
	}

}
