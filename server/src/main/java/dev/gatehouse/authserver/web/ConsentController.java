package dev.gatehouse.authserver.web;

import dev.gatehouse.authserver.internal.ConsentPage;
import dev.gatehouse.shared.security.ContentSecurityPolicy;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Gatehouse's own consent screen. The framework sends the browser here when an authorization
 * request needs consent; the form posts back to the authorization endpoint. The app has no say in
 * what this page shows, and like every page it cannot be framed.
 */
@Controller
class ConsentController {

	private final ConsentPage consentPage;

	ConsentController(ConsentPage consentPage) {
		this.consentPage = consentPage;
	}

	@GetMapping(ConsentPage.PATH)
	String consent(@RequestParam(name = "client_id", required = false) String clientId,
			@RequestParam(required = false) String state, @RequestParam(required = false) String retry,
			Authentication user, Model model, HttpServletResponse response) {
		var shown = consentPage.show(clientId, state, user);
		if (shown.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return "authserver/consent-expired";
		}
		// The answer to the consent form is a redirect to the app; the page's CSP must allow it.
		response.setHeader("Content-Security-Policy",
				ContentSecurityPolicy.allowingFormRedirectTo(shown.get().redirectUri()));
		model.addAttribute("shown", shown.get());
		model.addAttribute("screen", shown.get().screen());
		model.addAttribute("retry", retry);
		return "authserver/consent";
	}

}
