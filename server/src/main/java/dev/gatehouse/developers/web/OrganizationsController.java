package dev.gatehouse.developers.web;

import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.developers.MemberRole;
import dev.gatehouse.developers.OrganizationId;
import dev.gatehouse.developers.PublisherDomains;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.shared.security.UserPrincipal;
import dev.gatehouse.shared.web.InputRejectedException;
import dev.gatehouse.shared.web.NotFoundException;

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

/** A developer's organizations: members, invitations and publisher verification. */
@Controller
class OrganizationsController {

	private final DeveloperOrganizations organizations;

	private final PublisherDomains domains;

	OrganizationsController(DeveloperOrganizations organizations, PublisherDomains domains) {
		this.organizations = organizations;
		this.domains = domains;
	}

	@GetMapping("/developer")
	String home(@AuthenticationPrincipal UserPrincipal user, Model model) {
		model.addAttribute("memberships", organizations.membershipsOf(new UserId(user.userUuid())));
		return "developers/home";
	}

	@GetMapping("/developer/orgs/{id}")
	String organization(@AuthenticationPrincipal UserPrincipal user, @PathVariable OrganizationId id, Model model) {
		MemberRole role = organizations.roleOf(id, new UserId(user.userUuid()))
			.orElseThrow(() -> new NotFoundException("No such organization."));
		model.addAttribute("org", organizations.find(id).orElseThrow());
		model.addAttribute("role", role);
		model.addAttribute("members", organizations.members(id));
		model.addAttribute("invitations", organizations.invitations(id));
		model.addAttribute("roles", MemberRole.values());
		model.addAttribute("now", java.time.Instant.now());
		model.addAttribute("wellKnownPath", PublisherDomains.WELL_KNOWN_PATH);
		return "developers/organization";
	}

	@PostMapping("/developer/orgs/{id}/invitations")
	String invite(@AuthenticationPrincipal UserPrincipal user, @PathVariable OrganizationId id,
			@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "DEVELOPER") MemberRole role,
			RedirectAttributes redirect) {
		try {
			organizations.invite(id, new UserId(user.userUuid()), email, role);
			redirect.addFlashAttribute("notice", "Invitation sent to " + email + ".");
		}
		catch (InputRejectedException ex) {
			redirect.addFlashAttribute("inviteErrors", Map.of(ex.field(), ex.getMessage()));
			redirect.addFlashAttribute("inviteEmail", email);
		}
		return "redirect:/developer/orgs/" + id;
	}

	@PostMapping("/developer/orgs/{id}/invitations/{invitation}/revoke")
	String revokeInvitation(@AuthenticationPrincipal UserPrincipal user, @PathVariable OrganizationId id,
			@PathVariable UUID invitation, RedirectAttributes redirect) {
		organizations.revokeInvitation(id, new UserId(user.userUuid()), invitation);
		redirect.addFlashAttribute("notice", "The invitation was revoked.");
		return "redirect:/developer/orgs/" + id;
	}

	@PostMapping("/developer/orgs/{id}/members/{member}/remove")
	String remove(@AuthenticationPrincipal UserPrincipal user, @PathVariable OrganizationId id,
			@PathVariable UUID member, RedirectAttributes redirect) {
		try {
			organizations.removeMember(id, new UserId(user.userUuid()), new UserId(member));
			redirect.addFlashAttribute("notice", "The member was removed.");
		}
		catch (InputRejectedException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/developer/orgs/" + id;
	}

	@PostMapping("/developer/orgs/{id}/domain")
	String setDomain(@AuthenticationPrincipal UserPrincipal user, @PathVariable OrganizationId id,
			@RequestParam(defaultValue = "") String domain, RedirectAttributes redirect) {
		try {
			domains.claim(id, new UserId(user.userUuid()), domain);
			redirect.addFlashAttribute("notice", "Serve the token below on your domain, then check.");
		}
		catch (InputRejectedException ex) {
			redirect.addFlashAttribute("domainErrors", Map.of(ex.field(), ex.getMessage()));
			redirect.addFlashAttribute("domainInput", domain);
		}
		return "redirect:/developer/orgs/" + id + "#verification";
	}

	@PostMapping("/developer/orgs/{id}/domain/check")
	String checkDomain(@AuthenticationPrincipal UserPrincipal user, @PathVariable OrganizationId id,
			RedirectAttributes redirect) {
		var result = domains.check(id, new UserId(user.userUuid()));
		redirect.addFlashAttribute(result.verified() ? "notice" : "error", result.message());
		return "redirect:/developer/orgs/" + id + "#verification";
	}

}
