package dev.gatehouse.authserver;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param issuer the fixed issuer identifier (RFC 8414), such as {@code https://gatehouse.example.com};
 * empty takes it from each request, which is right for one host name and for tests, but production
 * behind several names should fix it
 */
@ConfigurationProperties("gatehouse.authserver")
public record AuthServerProperties(String issuer) {
}
