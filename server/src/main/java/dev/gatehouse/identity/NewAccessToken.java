package dev.gatehouse.identity;

/** A freshly created token: {@code token} is shown once and never again. */
public record NewAccessToken(AccessTokenInfo info, String token) {
}
