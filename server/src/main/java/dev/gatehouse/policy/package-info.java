/**
 * The developer policy and the legal documents: versioned documents (developer terms, developer
 * policy, acceptable use, data processing agreement) published with or without notice, acceptance
 * records per organization, and policy packs: the YAML form of the developer policy whose clauses
 * name the mechanisms that enforce them.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "notifications", "identity", "developers" })
package dev.gatehouse.policy;
