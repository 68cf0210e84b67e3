package dev.gatehouse.shared.web;

import java.net.URI;

/**
 * Stable problem type URIs (RFC 9457). Relative, so they resolve against whatever host serves
 * Gatehouse; docs/api.md lists each type and what to do about it.
 */
public final class ProblemTypes {

	private ProblemTypes() {
	}

	public static URI of(String slug) {
		return URI.create("/problems/" + slug);
	}

}
