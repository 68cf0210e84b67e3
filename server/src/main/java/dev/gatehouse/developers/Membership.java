package dev.gatehouse.developers;

/** One organization a user belongs to, and the role they hold there. */
public record Membership(Organization organization, MemberRole role) {
}
