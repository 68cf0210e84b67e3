package dev.gatehouse.shared.security;

import java.net.URI;

/** The Content-Security-Policy of every page, and the one exception pages may make to it. */
public final class ContentSecurityPolicy {

	/** No inline script or style anywhere; pages cannot be framed; forms post only to us. */
	public static final String PAGES = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	private ContentSecurityPolicy() {
	}

	/**
	 * The page policy whose {@code form-action} also allows the origin of {@code redirectTarget}.
	 * Browsers apply {@code form-action} to the redirects that follow a form post, so a form whose
	 * answer redirects elsewhere (the consent form, answered with a redirect to the app) needs it.
	 */
	public static String allowingFormRedirectTo(String redirectTarget) {
		URI uri = URI.create(redirectTarget);
		String origin = uri.getScheme() + "://" + uri.getRawAuthority();
		if (!origin.matches("https?://[A-Za-z0-9.\\-\\[\\]:]+")) {
			throw new IllegalArgumentException("Not an http(s) origin: " + origin);
		}
		return PAGES.replace("form-action 'self'", "form-action 'self' " + origin);
	}

}
