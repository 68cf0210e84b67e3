package dev.gatehouse.identity.api;

import dev.gatehouse.identity.Accounts;
import dev.gatehouse.identity.Role;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.shared.web.NotFoundException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Identity")
class MeController {

	private final Accounts accounts;

	MeController(Accounts accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/me")
	@PreAuthorize("hasAuthority('SCOPE_profile:read')")
	@Operation(summary = "The owner of the access token")
	MeResponse me(@AuthenticationPrincipal OAuth2AuthenticatedPrincipal principal) {
		var account = accounts.find(UserId.of(principal.getAttribute("user_id")))
			.orElseThrow(() -> new NotFoundException("No such user."));
		List<String> scopes = principal.getAuthorities()
			.stream()
			.map(a -> a.getAuthority())
			.filter(a -> a.startsWith("SCOPE_"))
			.map(a -> a.substring("SCOPE_".length()))
			.sorted()
			.toList();
		return new MeResponse(account.id().toString(), account.email(), account.displayName(), account.kind().name(),
				account.roles().stream().map(Role::name).sorted().toList(), scopes);
	}

	record MeResponse(String id, String email, String displayName, String kind, List<String> roles,
			List<String> tokenScopes) {
	}

}
