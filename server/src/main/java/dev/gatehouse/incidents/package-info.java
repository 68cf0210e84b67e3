/**
 * Incidents (breaches): a developer self-reports one (developer page or app API) or an operator
 * opens one, possibly from a finding; the blast radius (every customer account and data subject the
 * apps touched in the exposure window, with counts per data category) is computed from the access
 * log and kept as snapshots; an operator reviews a templated notice and sends it to every affected
 * account's admins by mail and in-app, each send tracked; two clocks (the authority's, from the
 * policy pack's breach notification hours, and the customers') raise findings when they run out;
 * a timeline of everything done and a dossier (JSON, PDF) for the authority.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "accesslog", "apps", "marketplace",
		"developers", "identity", "notifications", "webhooks", "policy", "policy :: pack" })
package dev.gatehouse.incidents;
