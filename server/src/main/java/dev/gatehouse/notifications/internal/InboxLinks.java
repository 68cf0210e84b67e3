package dev.gatehouse.notifications.internal;

import dev.gatehouse.shared.web.InputRejectedException;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Inbox links are paths on this site: they start with exactly one {@code /}, carry no scheme or host
 * and no backslash or whitespace (browsers read {@code /\evil.example} as another host). Anything
 * else would turn the inbox into an open redirect.
 */
final class InboxLinks {

	static final int MAX_LENGTH = 2000;

	private InboxLinks() {
	}

	/** The link unchanged, or {@code null} for none; refuses anything that could leave the site. */
	static String check(String link) {
		if (link == null || link.isEmpty()) {
			return null;
		}
		if (link.length() > MAX_LENGTH || !link.startsWith("/") || link.startsWith("//")
				|| link.chars().anyMatch(c -> c == '\\' || Character.isWhitespace(c) || Character.isISOControl(c))) {
			throw rejected();
		}
		try {
			URI uri = new URI(link);
			if (uri.getScheme() != null || uri.getRawAuthority() != null || !link.startsWith("/")) {
				throw rejected();
			}
		}
		catch (URISyntaxException ex) {
			throw rejected();
		}
		return link;
	}

	private static InputRejectedException rejected() {
		return new InputRejectedException("link", "must be a path on this site, starting with a single '/'");
	}

}
