package dev.gatehouse.privacy;

/** A request as one app sees it: the request and that app's own recipient row. */
public record AppRequest(PrivacyRequest request, Recipient recipient) {
}
