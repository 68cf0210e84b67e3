/**
 * Demo data for the {@code demo} profile: every capability adds itself here, through the other
 * modules' public facades, so a newcomer can click through a populated Gatehouse.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "identity", "developers", "policy", "policy :: pack", "apps", "marketplace", "authserver",
		"accesslog", "webhooks", "privacy", "enforcement", "incidents", "review", "gateway" })
package dev.gatehouse.demo;
