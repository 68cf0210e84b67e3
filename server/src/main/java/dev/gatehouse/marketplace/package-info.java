/**
 * The marketplace: the public catalogue of published apps with search and filters, and listing
 * pages that show everything a customer should know before installing, customer accounts, and
 * installations: which app each account let in with which scopes (granted through the
 * authorization server's consent screen), and uninstall.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "apps", "developers", "identity" })
package dev.gatehouse.marketplace;
