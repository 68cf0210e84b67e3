package dev.gatehouse.apps.web;

import dev.gatehouse.apps.AppCredentials;
import dev.gatehouse.apps.AppId;
import dev.gatehouse.apps.AppLogos;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.apps.Credential.Environment;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.shared.security.UserPrincipal;
import dev.gatehouse.shared.web.InputRejectedException;

import java.io.IOException;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A developer's credentials page: client secrets and the webhook signing secret (each shown once), and the logo. */
@Controller
class AppCredentialsController {

	private final AppRegistry registry;

	private final AppCredentials credentials;

	private final AppLogos logos;

	AppCredentialsController(AppRegistry registry, AppCredentials credentials, AppLogos logos) {
		this.registry = registry;
		this.credentials = credentials;
		this.logos = logos;
	}

	@GetMapping("/developer/apps/{id}/credentials")
	String page(@AuthenticationPrincipal UserPrincipal user, @PathVariable AppId id, Model model) {
		var app = registry.requireForDeveloper(id, new UserId(user.userUuid()));
		model.addAttribute("app", app);
		model.addAttribute("credentials", credentials.of(id));
		model.addAttribute("logo", registry.draftRevision(app).or(() -> registry.liveRevision(app))
			.map(r -> r.logoSha256()).orElse(null));
		return "apps/developer-credentials";
	}

	/**
	 * Answers with the page itself rather than a redirect: a new secret must not pass through the
	 * session store (flash attributes live in PostgreSQL with the session).
	 */
	@PostMapping("/developer/apps/{id}/credentials/{environment}/secrets")
	String issue(@AuthenticationPrincipal UserPrincipal user, @PathVariable AppId id,
			@PathVariable Environment environment, Model model) {
		try {
			model.addAttribute("issued", credentials.issueClientSecret(id, new UserId(user.userUuid()), environment, null));
			model.addAttribute("issuedKind", environment.name().toLowerCase() + " client secret");
		}
		catch (InputRejectedException ex) {
			model.addAttribute("error", ex.getMessage());
		}
		return page(user, id, model);
	}

	@PostMapping("/developer/apps/{id}/webhook-secret")
	String rotateWebhookSecret(@AuthenticationPrincipal UserPrincipal user, @PathVariable AppId id, Model model) {
		model.addAttribute("issued", credentials.rotateWebhookSecret(id, new UserId(user.userUuid())));
		model.addAttribute("issuedKind", "webhook signing secret");
		return page(user, id, model);
	}

	@PostMapping("/developer/apps/{id}/logo")
	String uploadLogo(@AuthenticationPrincipal UserPrincipal user, @PathVariable AppId id,
			@RequestParam("logo") MultipartFile file, RedirectAttributes redirect) throws IOException {
		try {
			logos.upload(id, new UserId(user.userUuid()), file.getBytes(), file.getOriginalFilename(), file.getContentType());
			redirect.addFlashAttribute("notice", "The logo was checked, re-encoded and attached to the draft.");
		}
		catch (InputRejectedException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/developer/apps/" + id + "/credentials";
	}

}
