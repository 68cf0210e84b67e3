/**
 * The marketplace: the public catalogue of published apps with search and filters, and listing
 * pages that show everything a customer should know before installing (later: install and
 * uninstall, and each customer account's installed apps).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "apps", "developers", "identity" })
package dev.gatehouse.marketplace;
