/**
 * The app registry: listings, redirect URIs, webhook endpoints, requested scopes from the operator's
 * scope catalogue, data-use declarations, sub-processors awaiting approval, security attestations,
 * OAuth credentials, and revisions with a guarded lifecycle.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "identity", "developers", "policy",
		"policy :: pack" })
package dev.gatehouse.apps;
