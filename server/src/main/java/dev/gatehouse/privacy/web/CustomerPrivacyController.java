package dev.gatehouse.privacy.web;

import dev.gatehouse.identity.UserId;
import dev.gatehouse.marketplace.CustomerAccount;
import dev.gatehouse.marketplace.CustomerAccountId;
import dev.gatehouse.marketplace.CustomerAccounts;
import dev.gatehouse.marketplace.CustomerRole;
import dev.gatehouse.privacy.Filer;
import dev.gatehouse.privacy.PrivacyRequest;
import dev.gatehouse.privacy.PrivacyRequestId;
import dev.gatehouse.privacy.PrivacyRequests;
import dev.gatehouse.privacy.RequestKind;
import dev.gatehouse.shared.security.UserPrincipal;
import dev.gatehouse.shared.web.InputRejectedException;
import dev.gatehouse.shared.web.NotFoundException;

import jakarta.servlet.http.HttpServletResponse;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A customer account's privacy requests: filing (admins), each request's recipient apps with their
 * statuses and dates, and the JSON evidence export. Members see the list; non-members get a 404.
 */
@Controller
class CustomerPrivacyController {

	private final CustomerAccounts accounts;

	private final PrivacyRequests requests;

	CustomerPrivacyController(CustomerAccounts accounts, PrivacyRequests requests) {
		this.accounts = accounts;
		this.requests = requests;
	}

	@GetMapping("/customer-accounts/{id}/privacy")
	String page(@PathVariable UUID id, @AuthenticationPrincipal UserPrincipal user, Model model) {
		var account = new CustomerAccountId(id);
		CustomerRole role = roleOf(account, user);
		return render(accounts.require(account), role, new FileRequestForm(), Map.of(), model);
	}

	@PostMapping("/customer-accounts/{id}/privacy")
	String file(@PathVariable UUID id, @ModelAttribute FileRequestForm form, @AuthenticationPrincipal UserPrincipal user,
			Model model, HttpServletResponse response, RedirectAttributes redirect) {
		var account = new CustomerAccountId(id);
		CustomerRole role = roleOf(account, user);
		if (role != CustomerRole.ADMIN) {
			throw new AccessDeniedException("Only an admin of the account can file privacy requests");
		}
		try {
			PrivacyRequest filed = requests.file(form.toCommand(account), Filer.customer(new UserId(user.userUuid()), user.email()));
			// Filed and committed: from here on the answer is the redirect, whatever else fails (a 500
			// now would have the admin file the request again).
			redirect.addFlashAttribute("message", filedMessage(filed));
			return "redirect:/customer-accounts/" + id + "/privacy";
		}
		catch (InputRejectedException ex) {
			Map<String, String> errors = new LinkedHashMap<>();
			ex.violations().forEach(v -> errors.putIfAbsent(v.field() == null ? "form" : v.field(), v.message()));
			response.setStatus(422);
			return render(accounts.require(account), role, form, errors, model);
		}
	}

	private String filedMessage(PrivacyRequest filed) {
		int told;
		try {
			told = requests.recipientCount(filed.id());
		}
		catch (DataAccessException ex) {
			return "Filed. The apps that touched these subjects were asked to act by " + filed.dueAt() + ".";
		}
		return told == 0
				? "Filed. No installed app touched these subjects, so there was no one to ask; the request is complete."
				: "Filed. " + told + (told == 1 ? " app was" : " apps were") + " asked to act by " + filed.dueAt() + ".";
	}

	/** Every request of the account (or one) with its recipients, their answers and the history, as JSON. */
	@GetMapping(path = "/customer-accounts/{id}/privacy/evidence.json")
	ResponseEntity<AccountEvidence> evidence(@PathVariable UUID id, @RequestParam(required = false) UUID request,
			@AuthenticationPrincipal UserPrincipal user) {
		var account = new CustomerAccountId(id);
		roleOf(account, user);
		List<PrivacyRequest> chosen = request == null ? requests.ofAccount(account, 500)
				: List.of(requests.require(account, new PrivacyRequestId(request)));
		var body = new AccountEvidence(id, accounts.require(account).name(), Instant.now(),
				chosen.stream().map(requests::evidence).map(EvidenceJson::of).toList());
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"privacy-evidence-" + id + ".json\"")
			.body(body);
	}

	record AccountEvidence(UUID accountId, String accountName, Instant exportedAt, List<EvidenceJson> requests) {
	}

	private String render(CustomerAccount account, CustomerRole role, FileRequestForm form, Map<String, String> errors,
			Model model) {
		model.addAttribute("account", account);
		model.addAttribute("admin", role == CustomerRole.ADMIN);
		model.addAttribute("form", form);
		model.addAttribute("fieldErrors", errors);
		model.addAttribute("kinds", RequestKind.values());
		model.addAttribute("requests", requests.ofAccount(account.id(), 100)
			.stream()
			.map(r -> new RequestRow(r, requests.recipients(r.id())))
			.toList());
		return "privacy/customer-privacy";
	}

	/** A non-member gets the same 404 as a missing account. */
	private CustomerRole roleOf(CustomerAccountId account, UserPrincipal user) {
		return accounts.roleOf(account, new UserId(user.userUuid()))
			.orElseThrow(() -> new NotFoundException("No such customer account."));
	}

	record RequestRow(PrivacyRequest request, List<dev.gatehouse.privacy.Recipient> recipients) {
	}

}
