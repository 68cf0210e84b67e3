package dev.gatehouse.privacy.web;

import dev.gatehouse.identity.UserId;
import dev.gatehouse.marketplace.CustomerAccountId;
import dev.gatehouse.marketplace.CustomerAccounts;
import dev.gatehouse.privacy.Filer;
import dev.gatehouse.privacy.PrivacyRequest;
import dev.gatehouse.privacy.PrivacyRequests;
import dev.gatehouse.privacy.Recipient;
import dev.gatehouse.privacy.RequestKind;
import dev.gatehouse.privacy.RequestStatus;
import dev.gatehouse.shared.security.UserPrincipal;
import dev.gatehouse.shared.web.InputRejectedException;
import dev.gatehouse.shared.web.NotFoundException;

import jakarta.servlet.http.HttpServletResponse;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Privacy requests across all accounts, and the declines apps sent that an operator must rule on. */
@Controller
class OperatorPrivacyController {

	private final PrivacyRequests requests;

	private final CustomerAccounts accounts;

	OperatorPrivacyController(PrivacyRequests requests, CustomerAccounts accounts) {
		this.requests = requests;
		this.accounts = accounts;
	}

	@GetMapping("/operator/privacy")
	String page(@RequestParam(required = false) String status, Model model) {
		return render(status, new FileRequestForm(), Map.of(), model);
	}

	/** An operator files for any account (a request that reached the platform, not Gatehouse). */
	@PostMapping("/operator/privacy")
	String file(@ModelAttribute("form") FileRequestForm form, @AuthenticationPrincipal UserPrincipal user, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		Map<String, String> errors = new LinkedHashMap<>();
		CustomerAccountId account = null;
		try {
			account = new CustomerAccountId(UUID.fromString(form.getAccountId().strip()));
			accounts.require(account);
		}
		catch (IllegalArgumentException | NotFoundException ex) {
			errors.put("accountId", "Give the id of an existing customer account.");
		}
		if (errors.isEmpty()) {
			try {
				PrivacyRequest filed = requests.file(form.toCommand(account),
						Filer.operator(new UserId(user.userUuid()), user.email()));
				redirect.addFlashAttribute("message", "Filed for " + accounts.require(account).name() + ": "
						+ requests.recipients(filed.id()).size() + " app(s) asked to act by " + filed.dueAt() + ".");
				return "redirect:/operator/privacy";
			}
			catch (InputRejectedException ex) {
				ex.violations().forEach(v -> errors.putIfAbsent(v.field() == null ? "form" : v.field(), v.message()));
			}
		}
		response.setStatus(422);
		return render(null, form, errors, model);
	}

	private String render(String status, FileRequestForm form, Map<String, String> errors, Model model) {
		model.addAttribute("form", form);
		model.addAttribute("fieldErrors", errors);
		model.addAttribute("kinds", RequestKind.values());
		RequestStatus filter = Arrays.stream(RequestStatus.values())
			.filter(s -> s.name().equalsIgnoreCase(status))
			.findFirst()
			.orElse(null);
		Map<UUID, String> names = new HashMap<>();
		List<PrivacyRequest> latest = requests.latest(filter, 200);
		model.addAttribute("status", filter == null ? "" : filter.name());
		model.addAttribute("statuses", RequestStatus.values());
		model.addAttribute("requests", latest.stream()
			.map(r -> new Row(r, accountName(r.accountId(), names), requests.recipients(r.id())))
			.toList());
		model.addAttribute("declines", requests.declinesAwaitingReview(200)
			.stream()
			.map(d -> new Decline(d, requests.find(d.requestId()).orElseThrow(), accountName(
					requests.find(d.requestId()).orElseThrow().accountId(), names)))
			.toList());
		return "privacy/operator-privacy";
	}

	@PostMapping("/operator/privacy/declines/{recipient}")
	String review(@PathVariable UUID recipient, @RequestParam String decision, @RequestParam(required = false) String note,
			@AuthenticationPrincipal UserPrincipal user, RedirectAttributes redirect) {
		boolean accept = switch (decision) {
			case "accept" -> true;
			case "reject" -> false;
			default -> throw new InputRejectedException("decision", "Accept or reject the decline.");
		};
		requests.reviewDecline(recipient, accept, note, user.email());
		redirect.addFlashAttribute("message", accept ? "Decline accepted." : "Decline rejected: the app must answer again.");
		return "redirect:/operator/privacy";
	}

	private String accountName(CustomerAccountId id, Map<UUID, String> names) {
		return names.computeIfAbsent(id.value(), k -> accounts.require(id).name());
	}

	record Row(PrivacyRequest request, String accountName, List<Recipient> recipients) {
	}

	record Decline(Recipient recipient, PrivacyRequest request, String accountName) {
	}

}
