package dev.gatehouse.developers;

/** The outcome of one publisher domain check, in words for the developer. */
public record DomainCheckResult(boolean verified, String message) {
}
