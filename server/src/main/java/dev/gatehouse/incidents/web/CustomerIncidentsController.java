package dev.gatehouse.incidents.web;

import dev.gatehouse.identity.UserId;
import dev.gatehouse.incidents.BlastRadius.AffectedAccount;
import dev.gatehouse.incidents.Incident;
import dev.gatehouse.incidents.IncidentId;
import dev.gatehouse.incidents.Incidents;
import dev.gatehouse.incidents.IncidentsProperties;
import dev.gatehouse.incidents.Notice;
import dev.gatehouse.marketplace.CustomerAccountId;
import dev.gatehouse.marketplace.CustomerAccounts;
import dev.gatehouse.marketplace.CustomerRole;
import dev.gatehouse.shared.security.UserPrincipal;
import dev.gatehouse.shared.web.NotFoundException;

import java.util.List;
import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The incidents a customer account was notified of: the notice as sent, what the access log shows
 * of the account's data, and (admins) the affected subjects. Opening the notice's tracked link
 * ({@code ?notice=}) marks that notice read. Non-members get a 404.
 */
@Controller
class CustomerIncidentsController {

	private final Incidents incidents;

	private final CustomerAccounts accounts;

	private final IncidentsProperties properties;

	CustomerIncidentsController(Incidents incidents, CustomerAccounts accounts, IncidentsProperties properties) {
		this.incidents = incidents;
		this.accounts = accounts;
		this.properties = properties;
	}

	@GetMapping("/customer-accounts/{id}/incidents")
	String list(@PathVariable UUID id, @AuthenticationPrincipal UserPrincipal user, Model model) {
		var account = new CustomerAccountId(id);
		roleOf(account, user);
		model.addAttribute("account", accounts.require(account));
		model.addAttribute("incidents", incidents.notifiedTo(account, 100));
		return "incidents/customer-incidents";
	}

	@GetMapping("/customer-accounts/{id}/incidents/{incidentId}")
	String detail(@PathVariable UUID id, @PathVariable UUID incidentId, @RequestParam(required = false) UUID notice,
			@AuthenticationPrincipal UserPrincipal user, Model model) {
		var account = new CustomerAccountId(id);
		CustomerRole role = roleOf(account, user);
		Incident incident = incidents.requireNotifiedTo(account, new IncidentId(incidentId));
		if (notice != null) {
			incidents.noticeOpened(notice, user.userUuid());
		}
		List<Notice> notices = incidents.notices(incident.id(), account);
		Notice shown = notices.stream().filter(n -> n.userId().equals(user.userUuid())).findFirst().orElse(notices.getFirst());
		var snapshot = incidents.currentSnapshot(incident.id()).orElse(null);
		AffectedAccount mine = snapshot == null ? null
				: incidents.affectedAccounts(snapshot.id()).stream().filter(a -> a.accountId().equals(id)).findFirst().orElse(null);
		model.addAttribute("account", accounts.require(account));
		model.addAttribute("incident", incident);
		model.addAttribute("notice", shown);
		model.addAttribute("mine", mine);
		model.addAttribute("admin", role == CustomerRole.ADMIN);
		model.addAttribute("subjects", role == CustomerRole.ADMIN && snapshot != null
				? incidents.affectedSubjects(snapshot.id(), id, properties.maxSubjectsShown()) : List.of());
		model.addAttribute("appNames", incident.appIds().stream().map(incidents::appName).toList());
		return "incidents/customer-incident";
	}

	private CustomerRole roleOf(CustomerAccountId account, UserPrincipal user) {
		return accounts.roleOf(account, new UserId(user.userUuid()))
			.orElseThrow(() -> new NotFoundException("No such customer account."));
	}

}
