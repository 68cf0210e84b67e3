/**
 * Who is who: user accounts for operator staff, developers and customer-account users; password
 * login with Argon2id, TOTP second factor and recovery codes, brute-force throttling, login events,
 * sessions kept in PostgreSQL, personal access tokens for the JSON API, and the web security rules.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "notifications" })
package dev.gatehouse.identity;
