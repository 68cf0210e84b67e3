package dev.gatehouse.apps;

/** What customers see in the marketplace and on the consent screen. */
public record Listing(String name, String tagline, String description, String category, String website,
		String privacyPolicyUrl, String termsUrl, String supportEmail, String supportUrl, String setupUrl) {

	public static Listing empty() {
		return new Listing("", "", "", "", "", "", "", "", "", "");
	}

}
