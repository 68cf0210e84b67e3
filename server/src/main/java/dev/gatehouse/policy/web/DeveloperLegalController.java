package dev.gatehouse.policy.web;

import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.developers.MemberRole;
import dev.gatehouse.developers.OrganizationId;
import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.policy.DocumentDiff;
import dev.gatehouse.policy.DocumentKind;
import dev.gatehouse.policy.DocumentStanding;
import dev.gatehouse.policy.DocumentVersion;
import dev.gatehouse.policy.LegalDocuments;
import dev.gatehouse.shared.security.UserPrincipal;
import dev.gatehouse.shared.web.NotFoundException;

import jakarta.servlet.http.HttpServletRequest;

import java.util.List;
import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Developers see what their organizations must accept, what changed, and accept it. */
@Controller
class DeveloperLegalController {

	private final LegalDocuments documents;

	private final DeveloperOrganizations organizations;

	private final Accounts accounts;

	DeveloperLegalController(LegalDocuments documents, DeveloperOrganizations organizations, Accounts accounts) {
		this.documents = documents;
		this.organizations = organizations;
		this.accounts = accounts;
	}

	@GetMapping("/developer/legal")
	String overview(@AuthenticationPrincipal UserPrincipal user, Model model) {
		var rows = organizations.membershipsOf(new UserId(user.userUuid()))
			.stream()
			.map(m -> new OrganizationStanding(m.organization().id().toString(), m.organization().name(),
					m.role() == MemberRole.OWNER, documents.standing(m.organization().id()),
					upcoming()))
			.toList();
		model.addAttribute("organizations", rows);
		return "policy/developer-legal";
	}

	@GetMapping("/developer/legal/versions/{id}")
	String version(@AuthenticationPrincipal UserPrincipal user, @PathVariable UUID id,
			@RequestParam OrganizationId org, Model model) {
		organizations.roleOf(org, new UserId(user.userUuid())).orElseThrow(() -> new NotFoundException("No such organization."));
		DocumentVersion version = documents.version(id);
		if (!version.published()) {
			throw new NotFoundException("No such document version.");
		}
		var standing = documents.standing(org).stream().filter(s -> s.kind() == version.kind()).findFirst().orElseThrow();
		DocumentVersion accepted = standing.acceptedVersion() == null ? null
				: documents.versions(version.kind()).stream().filter(v -> v.version() == standing.acceptedVersion()).findFirst().orElse(null);
		model.addAttribute("version", version);
		model.addAttribute("org", org.toString());
		model.addAttribute("diff", accepted == null || accepted.id().equals(id) ? null : DocumentDiff.between(accepted, version));
		model.addAttribute("owner", organizations.roleOf(org, new UserId(user.userUuid())).orElse(null) == MemberRole.OWNER);
		model.addAttribute("alreadyAccepted", standing.acceptedVersion() != null && standing.acceptedVersion() >= version.version());
		return "policy/developer-version";
	}

	@PostMapping("/developer/legal/accept")
	String accept(@AuthenticationPrincipal UserPrincipal user, @RequestParam OrganizationId org,
			@RequestParam UUID version, HttpServletRequest request, RedirectAttributes redirect) {
		var account = accounts.find(new UserId(user.userUuid())).orElseThrow();
		documents.accept(org, account, version, request.getRemoteAddr());
		redirect.addFlashAttribute("notice", documents.version(version).label() + " accepted.");
		return "redirect:/developer/legal";
	}

	private List<DocumentVersion> upcoming() {
		return java.util.Arrays.stream(DocumentKind.values()).flatMap(k -> documents.upcoming(k).stream()).toList();
	}

	record OrganizationStanding(String id, String name, boolean owner, List<DocumentStanding> standing,
			List<DocumentVersion> upcoming) {

		public boolean inGoodStanding() {
			return standing.stream().allMatch(DocumentStanding::inGoodStanding);
		}

	}

}
