package dev.gatehouse.authserver;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param issuer the fixed issuer identifier (RFC 8414), such as {@code https://gatehouse.example.com};
 * empty takes it from each request, which is right for one host name and for tests, but production
 * behind several names should fix it
 * @param keys when signing keys rotate
 * @param clientCache how long a node reuses what it read about a client (its app's status and
 * revision, a secret it verified); a suspension or a revoked secret reaches every node within it
 * @param apiAudience the {@code aud} of every access token: the platform API the gateway guards
 * (RFC 9068 section 3); empty means the public URL followed by {@code /platform}
 */
@ConfigurationProperties("gatehouse.authserver")
public record AuthServerProperties(String issuer, @DefaultValue Keys keys, @DefaultValue("1s") Duration clientCache,
		@DefaultValue("") String apiAudience) {

	/**
	 * @param rotateEvery how long one key signs before the next takes over
	 * @param publishAhead how long a new key is in the JWKS before it signs: at least as long as
	 * resource servers cache the JWKS
	 * @param retireAfter how long a replaced key stays published: longer than any token it signed lives
	 * @param rotationCron when to check ({@code -} turns the schedule off)
	 */
	public record Keys(@DefaultValue("30d") Duration rotateEvery, @DefaultValue("1h") Duration publishAhead,
			@DefaultValue("1d") Duration retireAfter, @DefaultValue("0 5 * * * *") String rotationCron) {

		public Keys {
			if (publishAhead.isNegative() || retireAfter.isNegative() || rotateEvery.compareTo(publishAhead) <= 0) {
				throw new IllegalArgumentException(
						"gatehouse.authserver.keys: rotate-every must exceed publish-ahead, and neither may be negative");
			}
		}

	}

}
