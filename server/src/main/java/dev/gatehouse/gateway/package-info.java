/**
 * The API gateway in front of the platform's API: every call's bearer token is verified locally
 * (keys cached, signature checked once per token per node), checked against a revocation set that
 * every node refreshes within a second (suspended apps, removed installations, revoked tokens),
 * held to the route's scopes and to rate limits per app and installation, its write body scanned
 * for card numbers and passwords, and then proxied; each call is written to the access log with
 * the data subjects and categories it touched.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "shared", "authserver", "apps", "marketplace", "accesslog", "policy", "policy :: pack" })
package dev.gatehouse.gateway;
