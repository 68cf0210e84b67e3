package dev.gatehouse.developers;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param verificationScheme {@code https} in production; tests against a local server use {@code http}
 * @param verificationPort a port to add to the well-known URL, or 0 for the scheme's default
 */
@ConfigurationProperties("gatehouse.developers")
public record DevelopersProperties(@DefaultValue("https") String verificationScheme,
		@DefaultValue("0") int verificationPort) {

	public String wellKnownUrl(String domain) {
		return verificationScheme + "://" + domain + (verificationPort > 0 ? ":" + verificationPort : "")
				+ PublisherDomains.WELL_KNOWN_PATH;
	}

}
