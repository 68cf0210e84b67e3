/**
 * The access log, Gatehouse's record of data lineage: every call an app made through the gateway,
 * with the customer account, the route, the outcome, the scopes it used and the data subjects and
 * categories it touched. Written off the request path in batches to a time-partitioned table, kept
 * for the configured retention, and queried by app, account, subject and time window by the
 * privacy, incident and monitoring work. Its pages use {@code apps} for app names and the
 * developer ownership check; it depends on nothing that records calls (gateway, authserver).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "apps", "identity" })
package dev.gatehouse.accesslog;
