/**
 * Data subject requests and their propagation: a customer admin or an operator files an erasure,
 * rectification, access or restriction request (or an account closure); every installed app that,
 * by the access log, touched those subjects gets a signed webhook in the same transaction, answers
 * through the app API with its own client-credentials token, and is reminded, then reported, when
 * it misses the policy pack's deadline. An uninstall asks the app to redact the account after the
 * pack's grace period. Every step is kept as append-only evidence.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "apps", "marketplace",
		"accesslog", "webhooks", "policy", "policy :: pack", "notifications", "developers", "identity", "authserver", "gateway" })
package dev.gatehouse.privacy;
