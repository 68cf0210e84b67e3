/**
 * Continuous monitoring: detectors that run as set-based SQL over the access log on a schedule
 * (one node at a time) and on demand, and report what they find as findings of the pack's clauses:
 * scopes granted but unused (least privilege, with the smaller set suggested), data-subject reads
 * far above an installation's baseline, probing, message spam, one client's tokens used from many
 * networks, load on the platform, and staleness (a failing webhook endpoint, no revision while
 * calling deprecated routes). Detectors may throttle an app through the gateway when the pack
 * says so. It also serves the operator's and the developer's dashboards. Nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "accesslog", "apps", "gateway",
		"webhooks", "policy", "policy :: pack", "enforcement", "privacy", "identity", "developers", "incidents" })
package dev.gatehouse.monitoring;
