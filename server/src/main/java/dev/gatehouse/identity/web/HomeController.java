package dev.gatehouse.identity.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page: what this user can do, by role. */
@Controller
class HomeController {

	@GetMapping("/")
	String home() {
		return "identity/home";
	}

}
