/**
 * Enforcement: findings filed by every other module when something breaks a clause, and (in later
 * work) violations, the penalty ladder, actions, appeals and abuse reports.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared" })
package dev.gatehouse.enforcement;
