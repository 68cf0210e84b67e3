/**
 * Developer organizations: self-service sign-up with email verification, members and their roles,
 * invitations, and publisher verification (a served domain token, or an operator's recorded
 * decision).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "identity", "notifications" })
package dev.gatehouse.developers;
