package dev.gatehouse.apps;

/** Basic scopes are routine; sensitive ones reach personal data; restricted ones need evidence in review. */
public enum ScopeTier {
	BASIC, SENSITIVE, RESTRICTED
}
