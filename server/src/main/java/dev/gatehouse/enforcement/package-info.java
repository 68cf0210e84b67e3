/**
 * Enforcement: findings filed by every other module when something breaks a clause; violations
 * made from findings (at once or after triage, as the policy pack says) and from customers' abuse
 * reports; the penalty ladder's proposal, the operator's decision and the action it takes on the
 * token endpoint, the gateway and the marketplace; notices to developers and to the customers with
 * the app installed; reinstatement and appeals. No module depends on this one: they report
 * findings through {@link dev.gatehouse.shared.findings.FindingReported}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "apps", "developers", "marketplace",
		"notifications", "identity", "policy", "policy :: pack" })
package dev.gatehouse.enforcement;
