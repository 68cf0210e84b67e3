package dev.gatehouse.demo;

import java.util.List;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The demo's front door: logins and their current two-factor codes, refreshed by htmx. Exists only
 * in the demo profile, whose accounts are public by design.
 */
@Controller
@Profile("demo")
class DemoController {

	private final DemoLogins logins;

	DemoController(DemoLogins logins) {
		this.logins = logins;
	}

	@GetMapping("/demo")
	String page(Model model) {
		model.addAttribute("logins", rows());
		return "demo/index";
	}

	@GetMapping("/demo/codes")
	String codes(Model model) {
		model.addAttribute("logins", rows());
		return "demo/index :: codes";
	}

	private List<Row> rows() {
		return logins.load()
			.stream()
			.map(l -> new Row(l.email(), l.password(), l.role(), l.totpSecret() == null ? null : DemoLogins.code(l.totpSecret(), 0)))
			.toList();
	}

	record Row(String email, String password, String role, String code) {
	}

}
