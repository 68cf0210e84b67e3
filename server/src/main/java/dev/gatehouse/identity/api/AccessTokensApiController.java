package dev.gatehouse.identity.api;

import dev.gatehouse.identity.AccessTokenInfo;
import dev.gatehouse.identity.AccessTokens;
import dev.gatehouse.identity.ApiScope;
import dev.gatehouse.identity.IdentityException;
import dev.gatehouse.identity.UserId;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tokens")
@Tag(name = "Identity")
class AccessTokensApiController {

	private final AccessTokens tokens;

	AccessTokensApiController(AccessTokens tokens) {
		this.tokens = tokens;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('SCOPE_tokens:manage')")
	@Operation(summary = "The caller's personal access tokens (never their secrets)")
	List<TokenResponse> list(@AuthenticationPrincipal OAuth2AuthenticatedPrincipal principal) {
		return tokens.list(owner(principal)).stream().map(TokenResponse::of).toList();
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize("hasAuthority('SCOPE_tokens:manage')")
	@Operation(summary = "Create a token; the secret is in this response only")
	CreatedTokenResponse create(@AuthenticationPrincipal OAuth2AuthenticatedPrincipal principal,
			@Valid @RequestBody CreateTokenRequest request) {
		var scopes = EnumSet.noneOf(ApiScope.class);
		for (String value : request.scopes()) {
			scopes.add(ApiScope.of(value).orElseThrow(() -> new IdentityException("scopes", "Unknown scope: " + value)));
		}
		// A token can only mint tokens no wider than itself: a leaked narrow token must stay narrow.
		var held = principal.getAuthorities().stream().map(a -> a.getAuthority()).toList();
		var wider = scopes.stream().filter(scope -> !held.contains("SCOPE_" + scope.value())).toList();
		if (!wider.isEmpty()) {
			throw new IdentityException("scopes", "This token does not hold " + wider.getFirst().value()
					+ "; create wider tokens on your security page.");
		}
		var created = tokens.create(owner(principal), request.name(), scopes, request.expiresInDays());
		return new CreatedTokenResponse(TokenResponse.of(created.info()), created.token());
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@PreAuthorize("hasAuthority('SCOPE_tokens:manage')")
	@Operation(summary = "Revoke a token at once")
	void revoke(@AuthenticationPrincipal OAuth2AuthenticatedPrincipal principal, @PathVariable String id) {
		tokens.revoke(owner(principal), id);
	}

	private static UserId owner(OAuth2AuthenticatedPrincipal principal) {
		return UserId.of(principal.getAttribute("user_id"));
	}

	record CreateTokenRequest(@NotBlank @Size(max = 100) String name, @NotEmpty List<String> scopes,
			@Min(1) @Max(366) int expiresInDays) {
	}

	record TokenResponse(String id, String name, String prefix, List<String> scopes, Instant createdAt,
			Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {

		static TokenResponse of(AccessTokenInfo info) {
			return new TokenResponse(info.id(), info.name(), info.prefix(),
					info.scopes().stream().map(ApiScope::value).sorted().toList(), info.createdAt(), info.expiresAt(),
					info.lastUsedAt(), info.revokedAt());
		}

	}

	record CreatedTokenResponse(TokenResponse token, String secret) {
	}

}
