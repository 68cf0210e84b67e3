package dev.gatehouse.identity.web;

import dev.gatehouse.identity.AccessTokens;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.ApiScope;
import dev.gatehouse.identity.IdentityException;
import dev.gatehouse.identity.LoginEventQuery;
import dev.gatehouse.identity.internal.LoginEventLog;
import dev.gatehouse.identity.internal.login.GatehousePrincipal;
import dev.gatehouse.identity.internal.passkeys.Passkeys;

import jakarta.servlet.http.HttpServletRequest;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A user's own security page: password, second factor, recovery codes, passkeys, access tokens,
 * login history.
 */
@Controller
class AccountSecurityController {

	private final Accounts accounts;

	private final AccessTokens tokens;

	private final LoginEventLog loginEvents;

	private final java.time.Clock clock;

	private final Passkeys passkeys;

	AccountSecurityController(Accounts accounts, AccessTokens tokens, LoginEventLog loginEvents, java.time.Clock clock,
			Passkeys passkeys) {
		this.accounts = accounts;
		this.tokens = tokens;
		this.loginEvents = loginEvents;
		this.clock = clock;
		this.passkeys = passkeys;
	}

	@GetMapping("/account/security")
	String page(@AuthenticationPrincipal GatehousePrincipal user, Model model) {
		var account = accounts.find(user.userId()).orElseThrow();
		model.addAttribute("account", account);
		model.addAttribute("recoveryCodesLeft", accounts.remainingRecoveryCodes(user.userId()));
		model.addAttribute("tokens", tokens.list(user.userId()));
		model.addAttribute("passkeys", passkeys.list(user.email()));
		model.addAttribute("scopes", Arrays.stream(ApiScope.values()).filter(s -> s.availableTo(account.kind())).toList());
		model.addAttribute("events", loginEvents.find(LoginEventQuery.forUser(user.userId(), 50)));
		model.addAttribute("now", clock.instant());
		if (!model.containsAttribute("tokenForm")) {
			model.addAttribute("tokenForm", new TokenForm("", Set.of(), 90));
		}
		return "identity/account-security";
	}

	@PostMapping("/account/password")
	String changePassword(@AuthenticationPrincipal GatehousePrincipal user,
			@RequestParam(defaultValue = "") String currentPassword, @RequestParam(defaultValue = "") String newPassword,
			@RequestParam(defaultValue = "") String confirmPassword, HttpServletRequest request,
			RedirectAttributes redirect) {
		try {
			if (!newPassword.equals(confirmPassword)) {
				throw new IdentityException("confirmPassword", "The two passwords differ.");
			}
			accounts.changePassword(user.userId(), currentPassword, newPassword, request.getRemoteAddr(),
					request.getHeader("User-Agent"));
			redirect.addFlashAttribute("notice", "Your password was changed.");
		}
		catch (IdentityException ex) {
			redirect.addFlashAttribute("passwordErrors", Map.of(ex.field(), ex.getMessage()));
		}
		return "redirect:/account/security";
	}

	@PostMapping("/account/recovery-codes")
	String regenerateRecoveryCodes(@AuthenticationPrincipal GatehousePrincipal user, Model model) {
		List<String> codes = accounts.regenerateRecoveryCodes(user.userId());
		model.addAttribute("codes", codes);
		model.addAttribute("continueAction", null);
		return "identity/recovery-codes";
	}

	@PostMapping("/account/passkeys/{id}/delete")
	String deletePasskey(@AuthenticationPrincipal GatehousePrincipal user, @PathVariable String id,
			RedirectAttributes redirect) {
		if (passkeys.delete(user.email(), id)) {
			redirect.addFlashAttribute("notice", "The passkey was deleted.");
		}
		return "redirect:/account/security#passkeys";
	}

	/**
	 * Creates a token and shows the page at once, with the secret: a flash attribute would put the
	 * secret into the session table (and the record is not serializable), where it has no business.
	 */
	@PostMapping("/account/tokens")
	String createToken(@AuthenticationPrincipal GatehousePrincipal user, @RequestParam(defaultValue = "") String name,
			@RequestParam(required = false) List<String> scopes, @RequestParam(defaultValue = "90") String days,
			Model model) {
		Set<ApiScope> chosen = EnumSet.noneOf(ApiScope.class);
		if (scopes != null) {
			scopes.forEach(value -> ApiScope.of(value).ifPresent(chosen::add));
		}
		int parsedDays;
		try {
			parsedDays = Integer.parseInt(days.trim());
		}
		catch (NumberFormatException ex) {
			parsedDays = -1;
		}
		try {
			model.addAttribute("newToken", tokens.create(user.userId(), name, chosen, parsedDays));
		}
		catch (IdentityException ex) {
			model.addAttribute("tokenErrors", Map.of(ex.field(), ex.getMessage()));
			model.addAttribute("tokenForm", new TokenForm(name, chosen, parsedDays));
		}
		return page(user, model);
	}

	@PostMapping("/account/tokens/{id}/revoke")
	String revokeToken(@AuthenticationPrincipal GatehousePrincipal user, @PathVariable String id,
			RedirectAttributes redirect) {
		tokens.revoke(user.userId(), id);
		redirect.addFlashAttribute("notice", "The token was revoked.");
		return "redirect:/account/security#tokens";
	}

	record TokenForm(String name, Set<ApiScope> scopes, int days) {
	}

}
