package dev.gatehouse.developers.web;

import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.shared.security.UserPrincipal;
import dev.gatehouse.shared.web.InputRejectedException;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The link in an invitation mail. Public, because the invitee may not have an account yet; the
 * token is the proof, and accepting as someone else is refused.
 */
@Controller
class InvitationController {

	private final DeveloperOrganizations organizations;

	InvitationController(DeveloperOrganizations organizations) {
		this.organizations = organizations;
	}

	@GetMapping("/invitations/accept")
	String show(@RequestParam(defaultValue = "") String token, Authentication authentication, Model model) {
		var invitation = organizations.invitationByToken(token).filter(i -> i.pending(java.time.Instant.now()));
		model.addAttribute("token", token);
		model.addAttribute("invitation", invitation.orElse(null));
		model.addAttribute("viewer", viewer(authentication));
		return "developers/invitation";
	}

	@PostMapping("/invitations/accept")
	String accept(@RequestParam(defaultValue = "") String token, @RequestParam(defaultValue = "") String displayName,
			@RequestParam(defaultValue = "") String password, Authentication authentication, Model model) {
		UserPrincipal viewer = viewer(authentication);
		try {
			if (viewer != null) {
				var org = organizations.acceptInvitation(token, new UserId(viewer.userUuid()));
				return "redirect:/developer/orgs/" + org;
			}
			organizations.acceptInvitationWithNewAccount(token, displayName, password);
			return "redirect:/login?joined";
		}
		catch (InputRejectedException ex) {
			model.addAttribute("token", token);
			model.addAttribute("invitation", organizations.invitationByToken(token).orElse(null));
			model.addAttribute("viewer", viewer);
			model.addAttribute("displayName", displayName);
			model.addAttribute("error", ex.getMessage());
			model.addAttribute("errorField", ex.field());
			return "developers/invitation";
		}
	}

	private static UserPrincipal viewer(Authentication authentication) {
		if (authentication != null && authentication.getPrincipal() instanceof UserPrincipal principal
				&& authentication.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("LOGIN_COMPLETE"))) {
			return principal;
		}
		return null;
	}

}
