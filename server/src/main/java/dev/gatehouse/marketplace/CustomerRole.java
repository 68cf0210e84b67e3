package dev.gatehouse.marketplace;

/** Admins install and uninstall apps and file privacy requests; members use what is installed. */
public enum CustomerRole {
	ADMIN, MEMBER
}
