package dev.gatehouse.identity.web;

import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.IdentityException;
import dev.gatehouse.identity.LoginEventType;
import dev.gatehouse.identity.SecondFactorResult;
import dev.gatehouse.identity.internal.LoginEventLog;
import dev.gatehouse.identity.internal.LoginThrottle;
import dev.gatehouse.identity.internal.login.LoginFlow;
import dev.gatehouse.identity.internal.login.PendingLogin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The login steps after the password: second factor, forced password change, enrolment. */
@Controller
class LoginStepsController {

	private static final String RECOVERY_CODES = "gatehouse.login.recoveryCodes";

	private final Accounts accounts;

	private final LoginFlow flow;

	private final LoginThrottle throttle;

	private final LoginEventLog loginEvents;

	LoginStepsController(Accounts accounts, LoginFlow flow, LoginThrottle throttle, LoginEventLog loginEvents) {
		this.accounts = accounts;
		this.flow = flow;
		this.throttle = throttle;
		this.loginEvents = loginEvents;
	}

	@GetMapping("/login/second-factor")
	String secondFactor() {
		return "identity/second-factor";
	}

	@PostMapping("/login/second-factor")
	String verifySecondFactor(@RequestParam(defaultValue = "") String code, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		PendingLogin pending = flow.pending();
		var user = pending.getPrincipal();
		String ip = request.getRemoteAddr();
		String agent = request.getHeader("User-Agent");
		Instant blockedUntil = throttle.blockedUntil(user.email(), ip);
		if (blockedUntil != null) {
			loginEvents.record(user.userId(), user.email(), LoginEventType.LOGIN_THROTTLED, "second factor", ip, agent);
			model.addAttribute("error", "Too many failed attempts. Try again after " + blockedUntil + ".");
			return "identity/second-factor";
		}
		SecondFactorResult result = accounts.verifySecondFactor(user.userId(), code);
		switch (result) {
			case TOTP_ACCEPTED -> loginEvents.record(user.userId(), user.email(),
					LoginEventType.SECOND_FACTOR_SUCCEEDED, "totp", ip, agent);
			case RECOVERY_CODE_ACCEPTED -> loginEvents.record(user.userId(), user.email(),
					LoginEventType.RECOVERY_CODE_USED, accounts.remainingRecoveryCodes(user.userId()) + " left", ip, agent);
			case REJECTED -> {
				loginEvents.record(user.userId(), user.email(), LoginEventType.SECOND_FACTOR_FAILED, "wrong code", ip,
						agent);
				if (throttle.recordFailure(user.email(), ip)) {
					loginEvents.record(user.userId(), user.email(), LoginEventType.LOCKED_OUT, "too many failures", ip,
							agent);
				}
				model.addAttribute("error", "That code is not right, or was already used.");
				return "identity/second-factor";
			}
		}
		return "redirect:" + flow.advance(user, true, request, response);
	}

	@GetMapping("/login/password")
	String changePasswordForm() {
		return "identity/forced-password";
	}

	@PostMapping("/login/password")
	String changePassword(@RequestParam(defaultValue = "") String currentPassword,
			@RequestParam(defaultValue = "") String newPassword, @RequestParam(defaultValue = "") String confirmPassword,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		PendingLogin pending = flow.pending();
		if (!newPassword.equals(confirmPassword)) {
			model.addAttribute("fieldErrors", java.util.Map.of("confirmPassword", "The two passwords differ."));
			return "identity/forced-password";
		}
		try {
			accounts.changePassword(pending.getPrincipal().userId(), currentPassword, newPassword,
					request.getRemoteAddr(), request.getHeader("User-Agent"));
		}
		catch (IdentityException ex) {
			model.addAttribute("fieldErrors", java.util.Map.of(ex.field(), ex.getMessage()));
			return "identity/forced-password";
		}
		return "redirect:" + flow.advance(pending.getPrincipal(), pending.secondFactorVerified(), request, response);
	}

	@GetMapping("/login/enroll")
	String enrollForm(Model model) {
		PendingLogin pending = flow.pending();
		var userId = pending.getPrincipal().userId();
		model.addAttribute("enrollment",
				accounts.pendingTotpEnrollment(userId).orElseGet(() -> accounts.startTotpEnrollment(userId)));
		model.addAttribute("action", "/login/enroll");
		return "identity/enroll";
	}

	@PostMapping("/login/enroll")
	String confirmEnrollment(@RequestParam(defaultValue = "") String code, HttpSession session,
			HttpServletRequest request, Model model) {
		PendingLogin pending = flow.pending();
		try {
			List<String> codes = accounts.confirmTotpEnrollment(pending.getPrincipal().userId(), code,
					request.getRemoteAddr(), request.getHeader("User-Agent"));
			session.setAttribute(RECOVERY_CODES, codes);
			return "redirect:/login/enroll/recovery-codes";
		}
		catch (IdentityException ex) {
			model.addAttribute("enrollment", accounts.pendingTotpEnrollment(pending.getPrincipal().userId()).orElse(null));
			model.addAttribute("action", "/login/enroll");
			model.addAttribute("error", ex.getMessage());
			return "identity/enroll";
		}
	}

	@GetMapping("/login/enroll/recovery-codes")
	String recoveryCodes(HttpSession session, Model model) {
		model.addAttribute("codes", session.getAttribute(RECOVERY_CODES));
		model.addAttribute("continueAction", "/login/enroll/done");
		return "identity/recovery-codes";
	}

	@PostMapping("/login/enroll/done")
	String enrollmentDone(HttpSession session, HttpServletRequest request, HttpServletResponse response) {
		session.removeAttribute(RECOVERY_CODES);
		PendingLogin pending = flow.pending();
		return "redirect:" + flow.advance(pending.getPrincipal(), true, request, response);
	}

}
