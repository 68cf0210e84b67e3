package dev.gatehouse.apps;

/** A scope the app asks for, why, and (for restricted scopes) the evidence for review. */
public record RequestedScope(String scope, String justification, String evidence) {
}
