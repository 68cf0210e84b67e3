package dev.gatehouse.incidents.web;

import dev.gatehouse.incidents.BlastRadius.Snapshot;
import dev.gatehouse.incidents.Campaign;
import dev.gatehouse.incidents.Incident;
import dev.gatehouse.incidents.IncidentDossier;
import dev.gatehouse.incidents.IncidentId;
import dev.gatehouse.incidents.IncidentStatus;
import dev.gatehouse.incidents.Incidents;
import dev.gatehouse.incidents.IncidentsProperties;
import dev.gatehouse.incidents.IntakeCommand;
import dev.gatehouse.incidents.Reporter;
import dev.gatehouse.shared.security.UserPrincipal;
import dev.gatehouse.shared.web.InputRejectedException;

import jakarta.servlet.http.HttpServletResponse;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
 * The operator's incident desk: the list with both clocks, opening an incident (possibly from a
 * finding), and each incident's detail: the report, the blast radius, the notice (edit, preview,
 * send), the notices' statuses, the timeline, the authority notification, closing, the dossier.
 * Reading is for every operator; changes for admins and compliance officers (security rules).
 */
@Controller
class OperatorIncidentsController {

	private final Incidents incidents;

	private final IncidentsProperties properties;

	private final Clock clock;

	OperatorIncidentsController(Incidents incidents, IncidentsProperties properties, Clock clock) {
		this.incidents = incidents;
		this.properties = properties;
		this.clock = clock;
	}

	@GetMapping("/operator/incidents")
	String list(@RequestParam(required = false) String status, @RequestParam(required = false) String finding,
			@RequestParam(required = false) String app, Model model) {
		IncidentForm form = IncidentForm.blank(clock.instant());
		form.setSourceFinding(finding);
		form.setAppIds(app);
		return renderList(status, form, Map.of(), model);
	}

	@PostMapping("/operator/incidents")
	String open(@ModelAttribute("form") IncidentForm form, @AuthenticationPrincipal UserPrincipal user, Model model,
			HttpServletResponse response) {
		Map<String, String> errors = new LinkedHashMap<>();
		IntakeCommand command = form.toCommand(true, errors);
		if (errors.isEmpty()) {
			try {
				Incident opened = incidents.open(command, Reporter.operator(user.userUuid(), user.email()));
				return "redirect:/operator/incidents/" + opened.id();
			}
			catch (InputRejectedException ex) {
				Forms.collect(ex, errors);
			}
		}
		response.setStatus(422);
		return renderList(null, form, errors, model);
	}

	@GetMapping("/operator/incidents/{id}")
	String detail(@PathVariable UUID id, @RequestParam(required = false) UUID account, Model model) {
		Incident incident = incidents.require(new IncidentId(id));
		return renderDetail(incident, account, IncidentForm.of(incident), Map.of(), null, null, model);
	}

	@PostMapping("/operator/incidents/{id}/amend")
	String amend(@PathVariable UUID id, @ModelAttribute("form") IncidentForm form,
			@AuthenticationPrincipal UserPrincipal user, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		Map<String, String> errors = new LinkedHashMap<>();
		IntakeCommand command = form.toCommand(true, errors);
		if (errors.isEmpty()) {
			try {
				incidents.amend(new IncidentId(id), command, user.email());
				redirect.addFlashAttribute("message", "Incident updated.");
				return "redirect:/operator/incidents/" + id;
			}
			catch (InputRejectedException ex) {
				Forms.collect(ex, errors);
			}
		}
		response.setStatus(422);
		return renderDetail(incidents.require(new IncidentId(id)), null, form, errors, null, null, model);
	}

	@PostMapping("/operator/incidents/{id}/recompute")
	String recompute(@PathVariable UUID id, @AuthenticationPrincipal UserPrincipal user, RedirectAttributes redirect) {
		Snapshot s = incidents.recompute(new IncidentId(id), user.email());
		redirect.addFlashAttribute("message", "Blast radius computed again: " + s.accounts() + " account(s), "
				+ s.subjects() + " subject(s).");
		return "redirect:/operator/incidents/" + id;
	}

	@PostMapping("/operator/incidents/{id}/notice/draft")
	String draft(@PathVariable UUID id, @AuthenticationPrincipal UserPrincipal user) {
		incidents.draft(new IncidentId(id), user.email());
		return "redirect:/operator/incidents/" + id + "#notice";
	}

	/** {@code action=preview} shows the notice filled in for the first affected account without saving. */
	@PostMapping("/operator/incidents/{id}/notice")
	String notice(@PathVariable UUID id, @RequestParam String subject, @RequestParam String body,
			@RequestParam(defaultValue = "save") String action, @AuthenticationPrincipal UserPrincipal user, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		IncidentId incidentId = new IncidentId(id);
		Incident incident = incidents.require(incidentId);
		if ("preview".equals(action)) {
			var preview = incidents.preview(incidentId, null, subject, body);
			return renderDetail(incident, null, IncidentForm.of(incident), Map.of(), new NoticeEdit(subject, body), preview,
					model);
		}
		try {
			incidents.editDraft(incidentId, subject, body, user.email());
			redirect.addFlashAttribute("message", "Notice saved.");
			return "redirect:/operator/incidents/" + id + "#notice";
		}
		catch (InputRejectedException ex) {
			Map<String, String> errors = new LinkedHashMap<>();
			Forms.collect(ex, errors);
			response.setStatus(422);
			return renderDetail(incident, null, IncidentForm.of(incident), errors, new NoticeEdit(subject, body), null, model);
		}
	}

	@PostMapping("/operator/incidents/{id}/notice/send")
	String send(@PathVariable UUID id, @AuthenticationPrincipal UserPrincipal user, RedirectAttributes redirect) {
		try {
			int accounts = incidents.send(new IncidentId(id), user.email());
			redirect.addFlashAttribute("message", "Notice sent to the admins of " + accounts + " account(s).");
		}
		catch (InputRejectedException ex) {
			redirect.addFlashAttribute("message", ex.getMessage());
		}
		return "redirect:/operator/incidents/" + id + "#notices";
	}

	@PostMapping("/operator/incidents/{id}/authority")
	String authority(@PathVariable UUID id, @RequestParam String notifiedAt, @RequestParam(required = false) String reference,
			@AuthenticationPrincipal UserPrincipal user, RedirectAttributes redirect) {
		Instant at;
		try {
			at = LocalDateTime.parse(notifiedAt.strip()).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			throw new InputRejectedException("notifiedAt", "Give a date and time (UTC).");
		}
		incidents.recordAuthorityNotified(new IncidentId(id), at, reference, user.email());
		redirect.addFlashAttribute("message", "Authority notification recorded.");
		return "redirect:/operator/incidents/" + id;
	}

	@PostMapping("/operator/incidents/{id}/close")
	String close(@PathVariable UUID id, @RequestParam String note, @AuthenticationPrincipal UserPrincipal user,
			RedirectAttributes redirect) {
		incidents.close(new IncidentId(id), note, user.email());
		redirect.addFlashAttribute("message", "Incident closed.");
		return "redirect:/operator/incidents/" + id;
	}

	@GetMapping(path = "/operator/incidents/{id}/dossier.json")
	ResponseEntity<IncidentDossier> dossierJson(@PathVariable UUID id) {
		IncidentDossier dossier = incidents.dossier(new IncidentId(id));
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					"attachment; filename=\"incident-" + dossier.incident().reference() + ".json\"")
			.body(dossier);
	}

	@GetMapping(path = "/operator/incidents/{id}/dossier.pdf")
	ResponseEntity<byte[]> dossierPdf(@PathVariable UUID id) {
		Incident incident = incidents.require(new IncidentId(id));
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"incident-" + incident.reference() + ".pdf\"")
			.body(incidents.dossierPdf(incident.id()));
	}

	private String renderList(String status, IncidentForm form, Map<String, String> errors, Model model) {
		IncidentStatus filter = Arrays.stream(IncidentStatus.values())
			.filter(s -> s.name().equalsIgnoreCase(status))
			.findFirst()
			.orElse(null);
		model.addAttribute("status", filter == null ? "" : filter.name());
		model.addAttribute("statuses", IncidentStatus.values());
		model.addAttribute("rows", incidents.latest(filter, 200).stream().map(this::row).toList());
		model.addAttribute("form", form);
		model.addAttribute("fieldErrors", errors);
		model.addAttribute("limitHours", incidents.notificationLimit().toHours());
		return "incidents/operator-incidents";
	}

	private String renderDetail(Incident incident, UUID account, IncidentForm form, Map<String, String> errors,
			NoticeEdit edit, Incidents.RenderedNotice preview, Model model) {
		IncidentId id = incident.id();
		Snapshot current = incidents.currentSnapshot(id).orElse(null);
		Campaign draft = incidents.campaigns(id).stream().filter(c -> c.status() == Campaign.Status.DRAFT).findFirst().orElse(null);
		model.addAttribute("incident", incident);
		model.addAttribute("row", row(incident));
		model.addAttribute("form", form);
		model.addAttribute("fieldErrors", errors);
		model.addAttribute("snapshot", current);
		model.addAttribute("snapshots", incidents.snapshots(id));
		model.addAttribute("accounts", current == null ? List.of() : incidents.affectedAccounts(current.id()));
		model.addAttribute("selectedAccount", account);
		model.addAttribute("subjects", current == null || account == null ? List.of()
				: incidents.affectedSubjects(current.id(), account, properties.maxSubjectsShown()));
		model.addAttribute("draft", draft);
		model.addAttribute("edit", edit != null ? edit : draft == null ? null : new NoticeEdit(draft.subject(), draft.body()));
		model.addAttribute("preview", preview);
		model.addAttribute("campaigns", incidents.campaigns(id));
		model.addAttribute("notices", incidents.notices(id));
		model.addAttribute("timeline", incidents.timeline(id));
		model.addAttribute("placeholders", Incidents.PLACEHOLDERS.stream().sorted().toList());
		model.addAttribute("now", IncidentForm.local(clock.instant()));
		model.addAttribute("accountNames", new AccountNames(incidents));
		return "incidents/operator-incident";
	}

	private IncidentRow row(Incident incident) {
		return new IncidentRow(incident, incidents.clocks(incident), incident.appIds().stream().map(incidents::appName).toList(),
				incidents.currentSnapshot(incident.id()).orElse(null));
	}

	record NoticeEdit(String subject, String body) {
	}

	/** Account names for the notices table, looked up once each. */
	public static final class AccountNames {

		private final Incidents incidents;

		private final Map<UUID, String> names = new java.util.HashMap<>();

		AccountNames(Incidents incidents) {
			this.incidents = incidents;
		}

		public String of(UUID account) {
			return names.computeIfAbsent(account, incidents::accountName);
		}

	}

}
