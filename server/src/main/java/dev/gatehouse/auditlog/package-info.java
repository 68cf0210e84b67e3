/**
 * The audit log: an append-only, hash-chained record of every security and admin action. Other
 * modules never call it; they publish events implementing {@link dev.gatehouse.shared.audit.Audited}
 * and this module records each one in the publisher's transaction, chaining every row to the one
 * before it with SHA-256 so that edits, deletions and truncation can be detected by
 * {@link dev.gatehouse.auditlog.AuditLog#verify()}. Operators read, filter, export and verify the log
 * on {@code /operator/audit} and through {@code /api/v1/audit}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "shared")
package dev.gatehouse.auditlog;
