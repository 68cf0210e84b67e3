package dev.gatehouse.policy.web;

import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.policy.DocumentDiff;
import dev.gatehouse.policy.DocumentKind;
import dev.gatehouse.policy.LegalDocuments;
import dev.gatehouse.policy.PolicyPackInvalidException;
import dev.gatehouse.policy.PublishCommand;
import dev.gatehouse.shared.security.UserPrincipal;
import dev.gatehouse.shared.web.InputRejectedException;
import dev.gatehouse.shared.web.NotFoundException;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Operators draft, compare and publish legal documents, and see who accepted what. */
@Controller
class OperatorLegalController {

	private final LegalDocuments documents;

	private final DeveloperOrganizations organizations;

	OperatorLegalController(LegalDocuments documents, DeveloperOrganizations organizations) {
		this.documents = documents;
		this.organizations = organizations;
	}

	@GetMapping("/operator/legal")
	String overview(Model model) {
		model.addAttribute("kinds", DocumentKind.values());
		model.addAttribute("documents", documents);
		return "policy/operator-legal";
	}

	@GetMapping("/operator/legal/{kind}")
	String kind(@PathVariable String kind, Model model) {
		DocumentKind documentKind = kind(kind);
		model.addAttribute("kind", documentKind);
		model.addAttribute("versions", documents.versions(documentKind));
		model.addAttribute("current", documents.current(documentKind).orElse(null));
		if (!model.containsAttribute("content")) {
			model.addAttribute("content", documents.versions(documentKind).stream().findFirst().map(v -> v.content()).orElse(""));
		}
		return "policy/operator-kind";
	}

	@PostMapping("/operator/legal/{kind}/drafts")
	String draft(@AuthenticationPrincipal UserPrincipal user, @PathVariable String kind,
			@RequestParam(defaultValue = "") String content, @RequestParam(defaultValue = "") String changeSummary,
			Model model) {
		DocumentKind documentKind = kind(kind);
		try {
			var draft = documents.draft(documentKind, content, changeSummary, user.email());
			return "redirect:/operator/legal/versions/" + draft.id();
		}
		catch (PolicyPackInvalidException ex) {
			model.addAttribute("packErrors", ex.errors());
		}
		catch (InputRejectedException ex) {
			model.addAttribute("fieldErrors", Map.of(ex.field() == null ? "content" : ex.field(), ex.getMessage()));
		}
		model.addAttribute("content", content);
		model.addAttribute("changeSummary", changeSummary);
		return kind(kind, model);
	}

	@GetMapping("/operator/legal/versions/{id}")
	String version(@PathVariable UUID id, Model model) {
		var version = documents.version(id);
		var current = documents.current(version.kind()).orElse(null);
		model.addAttribute("version", version);
		model.addAttribute("current", current);
		model.addAttribute("diff", DocumentDiff.between(current != null && !current.id().equals(id) ? current : null, version));
		model.addAttribute("defaultEffective", LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC).withSecond(0).withNano(0));
		return "policy/operator-version";
	}

	@PostMapping("/operator/legal/versions/{id}/publish")
	String publish(@AuthenticationPrincipal UserPrincipal user, @PathVariable UUID id,
			@RequestParam(defaultValue = "false") boolean withNotice, @RequestParam(required = false) String effectiveAt,
			@RequestParam(required = false) Integer reacceptDays, RedirectAttributes redirect) {
		try {
			Instant effective = effectiveAt == null || effectiveAt.isBlank() ? null
					: LocalDateTime.parse(effectiveAt).toInstant(ZoneOffset.UTC);
			documents.publish(id, new PublishCommand(withNotice, effective, reacceptDays), user.email());
			redirect.addFlashAttribute("notice", withNotice ? "Published with notice; developers were told."
					: "Published without notice: in effect now.");
		}
		catch (java.time.format.DateTimeParseException ex) {
			redirect.addFlashAttribute("fieldErrors", Map.of("effectiveAt", "Use a date and time."));
		}
		catch (InputRejectedException ex) {
			redirect.addFlashAttribute("fieldErrors", Map.of(ex.field() == null ? "form" : ex.field(), ex.getMessage()));
		}
		return "redirect:/operator/legal/versions/" + id;
	}

	@GetMapping("/operator/legal/acceptance")
	String acceptance(Model model) {
		var rows = organizations.search("", 500, 0)
			.stream()
			.map(org -> new AcceptanceRow(org.id().toString(), org.name(), documents.standing(org.id())))
			.toList();
		model.addAttribute("rows", rows);
		model.addAttribute("kinds", DocumentKind.values());
		return "policy/operator-acceptance";
	}

	@GetMapping("/operator/legal/acceptance/{organizationId}")
	String acceptanceEvidence(@PathVariable dev.gatehouse.developers.OrganizationId organizationId, Model model) {
		var org = organizations.find(organizationId).orElseThrow(() -> new NotFoundException("No such organization."));
		model.addAttribute("org", org);
		model.addAttribute("standing", documents.standing(organizationId));
		model.addAttribute("records", documents.acceptances(organizationId));
		return "policy/operator-acceptance-evidence";
	}

	private static DocumentKind kind(String slug) {
		return DocumentKind.of(slug).orElseThrow(() -> new NotFoundException("No such document."));
	}

	record AcceptanceRow(String id, String name, java.util.List<dev.gatehouse.policy.DocumentStanding> standing) {
	}

}
