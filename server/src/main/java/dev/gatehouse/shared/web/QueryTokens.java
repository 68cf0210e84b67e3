package dev.gatehouse.shared.web;

/** Access tokens in URLs (RFC 6750 section 2.3): Gatehouse refuses them everywhere, the gateway included. */
public final class QueryTokens {

	private QueryTokens() {
	}

	/** Whether a raw query string has an {@code access_token} parameter. */
	public static boolean carriesToken(String query) {
		if (query == null) {
			return false;
		}
		for (String pair : query.split("&")) {
			String name = pair.split("=", 2)[0];
			if (name.equalsIgnoreCase("access_token") || name.equalsIgnoreCase("access%5Ftoken")) {
				return true;
			}
		}
		return false;
	}

}
