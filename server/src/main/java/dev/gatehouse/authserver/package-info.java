/**
 * The OAuth 2.1 authorization server: authorization code with PKCE (S256), refresh tokens and
 * client credentials for the apps of the app registry; discovery, JWKS, introspection and
 * revocation; JWT access tokens (RFC 9068) signed with ES256 keys kept encrypted in PostgreSQL.
 * Clients are not registered here: they are the registry's credentials, and an app that is not
 * active gets neither a code nor a token. Gatehouse's own consent screen turns an approval into
 * an installation of the marketplace and a row of the append-only consent ledger.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "shared", "apps", "identity", "marketplace", "developers", "policy", "accesslog" })
package dev.gatehouse.authserver;
