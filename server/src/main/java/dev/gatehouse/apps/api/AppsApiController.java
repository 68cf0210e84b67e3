package dev.gatehouse.apps.api;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppDraft;
import dev.gatehouse.apps.AppCredentials;
import dev.gatehouse.apps.AppId;
import dev.gatehouse.apps.AppLogos;
import dev.gatehouse.apps.Credential;
import dev.gatehouse.apps.IssuedSecret;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.apps.Revision;
import dev.gatehouse.apps.SubProcessor;
import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.developers.OrganizationId;
import dev.gatehouse.identity.UserId;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Developers manage their organizations' apps with an access token (apps:read, apps:write). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Apps")
class AppsApiController {

	private final AppRegistry registry;

	private final DeveloperOrganizations organizations;

	private final AppLogos logos;

	private final AppCredentials credentials;

	AppsApiController(AppRegistry registry, DeveloperOrganizations organizations, AppLogos logos,
			AppCredentials credentials) {
		this.registry = registry;
		this.organizations = organizations;
		this.logos = logos;
		this.credentials = credentials;
	}

	@GetMapping("/apps")
	@PreAuthorize("hasAuthority('SCOPE_apps:read')")
	@Operation(summary = "Apps of every organization the token's owner belongs to")
	List<AppSummary> list(@AuthenticationPrincipal OAuth2AuthenticatedPrincipal principal) {
		return organizations.membershipsOf(user(principal))
			.stream()
			.flatMap(m -> registry.ofOrganization(m.organization().id()).stream())
			.map(AppSummary::of)
			.toList();
	}

	@GetMapping("/apps/{id}")
	@PreAuthorize("hasAuthority('SCOPE_apps:read')")
	@Operation(summary = "One app with its live and draft revisions and sub-processors")
	AppDetail get(@AuthenticationPrincipal OAuth2AuthenticatedPrincipal principal, @PathVariable AppId id) {
		App app = registry.requireForDeveloper(id, user(principal));
		return detail(app);
	}

	@PostMapping("/organizations/{organizationId}/apps")
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize("hasAuthority('SCOPE_apps:write')")
	@Operation(summary = "Create an app in draft (the organization must have accepted the current legal documents)")
	AppDetail create(@AuthenticationPrincipal OAuth2AuthenticatedPrincipal principal,
			@PathVariable OrganizationId organizationId, @RequestBody AppDraft draft) {
		return detail(registry.create(organizationId, user(principal), draft));
	}

	@PutMapping("/apps/{id}/draft")
	@PreAuthorize("hasAuthority('SCOPE_apps:write')")
	@Operation(summary = "Replace the draft revision; on a live app this opens a new revision for review")
	RevisionView update(@AuthenticationPrincipal OAuth2AuthenticatedPrincipal principal, @PathVariable AppId id,
			@RequestBody AppDraft draft) {
		return RevisionView.of(registry.update(id, user(principal), draft));
	}

	@PostMapping("/apps/{id}/submit")
	@PreAuthorize("hasAuthority('SCOPE_apps:write')")
	@Operation(summary = "Submit the draft revision for review; 422 lists every problem")
	RevisionView submit(@AuthenticationPrincipal OAuth2AuthenticatedPrincipal principal, @PathVariable AppId id) {
		return RevisionView.of(registry.submit(id, user(principal)));
	}

	@PostMapping("/apps/{id}/subprocessors")
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize("hasAuthority('SCOPE_apps:write')")
	@Operation(summary = "Declare a sub-processor; it is pending until an operator approves it")
	SubProcessor addSubProcessor(@AuthenticationPrincipal OAuth2AuthenticatedPrincipal principal, @PathVariable AppId id,
			@RequestBody NewSubProcessor request) {
		return registry.addSubProcessor(id, user(principal), request.name(), request.purpose(), request.country(),
				request.dataCategories());
	}

	@PostMapping(path = "/apps/{id}/logo", consumes = { "image/png", "image/jpeg", "image/webp" })
	@PreAuthorize("hasAuthority('SCOPE_apps:write')")
	@Operation(summary = "Upload the logo as the request body; it is checked against the pack and re-encoded to PNG")
	LogoView uploadLogo(@AuthenticationPrincipal OAuth2AuthenticatedPrincipal principal, @PathVariable AppId id,
			@RequestBody byte[] image, @org.springframework.web.bind.annotation.RequestHeader("Content-Type") String contentType) {
		String sha = logos.upload(id, user(principal), image, null, contentType);
		return new LogoView(sha, "/apps/" + id + "/logo/" + sha + ".png");
	}

	@PostMapping("/apps/{id}/credentials/{environment}/secrets")
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize("hasAuthority('SCOPE_apps:write')")
	@Operation(summary = "Issue or rotate a client secret; the secret is in this response only")
	IssuedSecret issueSecret(@AuthenticationPrincipal OAuth2AuthenticatedPrincipal principal, @PathVariable AppId id,
			@PathVariable Credential.Environment environment) {
		return credentials.issueClientSecret(id, user(principal), environment, null);
	}

	@PostMapping("/apps/{id}/webhook-secret")
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize("hasAuthority('SCOPE_apps:write')")
	@Operation(summary = "Rotate the webhook signing secret; the new secret is in this response only")
	IssuedSecret rotateWebhookSecret(@AuthenticationPrincipal OAuth2AuthenticatedPrincipal principal, @PathVariable AppId id) {
		return credentials.rotateWebhookSecret(id, user(principal));
	}

	@GetMapping("/apps/{id}/credentials")
	@PreAuthorize("hasAuthority('SCOPE_apps:read')")
	@Operation(summary = "Client ids and secret prefixes (never the secrets)")
	List<Credential> credentials(@AuthenticationPrincipal OAuth2AuthenticatedPrincipal principal, @PathVariable AppId id) {
		registry.requireForDeveloper(id, user(principal));
		return credentials.of(id);
	}

	private AppDetail detail(App app) {
		return new AppDetail(AppSummary.of(app), registry.liveRevision(app).map(RevisionView::of).orElse(null),
				registry.draftRevision(app).map(RevisionView::of).orElse(null), registry.subProcessors(app.id()));
	}

	private static UserId user(OAuth2AuthenticatedPrincipal principal) {
		return UserId.of(principal.getAttribute("user_id"));
	}

	record AppSummary(String id, String organizationId, String name, String slug, String appType, String status,
			Instant createdAt) {

		static AppSummary of(App app) {
			return new AppSummary(app.id().toString(), app.organizationId().toString(), app.name(), app.slug(),
					app.appType(), app.status().name(), app.createdAt());
		}

	}

	record RevisionView(String id, int number, String state, AppDraft content, boolean hasLogo, Instant submittedAt,
			Instant decidedAt) {

		static RevisionView of(Revision revision) {
			return new RevisionView(revision.id().toString(), revision.number(), revision.state().name(),
					revision.content(), revision.logoSha256() != null, revision.submittedAt(), revision.decidedAt());
		}

	}

	record AppDetail(AppSummary app, RevisionView live, RevisionView draft, List<SubProcessor> subProcessors) {
	}

	record LogoView(String sha256, String url) {
	}

	record NewSubProcessor(String name, String purpose, String country, List<String> dataCategories) {
	}

}
