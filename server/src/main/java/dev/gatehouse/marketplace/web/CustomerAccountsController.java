package dev.gatehouse.marketplace.web;

import dev.gatehouse.identity.UserId;
import dev.gatehouse.marketplace.CustomerAccounts;
import dev.gatehouse.shared.security.UserPrincipal;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The customer accounts the user belongs to (a developer sees their organizations' sandboxes here). */
@Controller
class CustomerAccountsController {

	private final CustomerAccounts accounts;

	CustomerAccountsController(CustomerAccounts accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/customer-accounts")
	String list(@AuthenticationPrincipal UserPrincipal user, Model model) {
		model.addAttribute("memberships", accounts.membershipsOf(new UserId(user.userUuid())));
		return "marketplace/customer-accounts";
	}

}
