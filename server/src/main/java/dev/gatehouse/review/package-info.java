/**
 * Review: the automated checks of the policy pack in force (on submission, nightly for live apps,
 * on demand), the reviewer's queue and clause checklist with decisions (approve, request changes
 * with a deadline, reject), periodic audits by risk tier with evidence requests and deadlines, and
 * the compliance report of an app (JSON and PDF). Failed checks on live apps, failed audit lines
 * and missed evidence deadlines are reported as findings against their clause.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "identity",
		"developers", "policy", "policy :: pack", "apps", "notifications" })
package dev.gatehouse.review;
