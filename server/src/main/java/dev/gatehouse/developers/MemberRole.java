package dev.gatehouse.developers;

/** Owners manage members and verification; developers work on apps. */
public enum MemberRole {
	OWNER, DEVELOPER
}
