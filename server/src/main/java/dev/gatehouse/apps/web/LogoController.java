package dev.gatehouse.apps.web;

import dev.gatehouse.apps.AppId;
import dev.gatehouse.apps.AppLogos;

import java.time.Duration;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Serves stored logos. Public, like the marketplace; the content hash in the URL makes each
 * response immutable, and only re-encoded PNGs are ever stored.
 */
@Controller
class LogoController {

	private final AppLogos logos;

	LogoController(AppLogos logos) {
		this.logos = logos;
	}

	@GetMapping("/apps/{id}/logo/{sha256:[0-9a-f]{64}}.png")
	ResponseEntity<byte[]> logo(@PathVariable AppId id, @PathVariable String sha256) {
		return logos.png(id, sha256)
			.map(png -> ResponseEntity.ok()
				.contentType(MediaType.IMAGE_PNG)
				.cacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
				.header("Content-Security-Policy", "default-src 'none'; sandbox")
				.body(png))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

}
