package dev.gatehouse.identity.web;

import jakarta.servlet.http.HttpSession;

import java.time.Instant;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class LoginController {

	@GetMapping("/login")
	String login(HttpSession session, Model model) {
		model.addAttribute("username", session.getAttribute("gatehouse.login.username"));
		Object retryAt = session.getAttribute("gatehouse.login.retryAt");
		model.addAttribute("retryAt", retryAt instanceof Instant instant ? instant : null);
		return "identity/login";
	}

}
