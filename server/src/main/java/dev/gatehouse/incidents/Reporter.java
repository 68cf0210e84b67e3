package dev.gatehouse.incidents;

import java.util.UUID;

/**
 * Who opens an incident. A developer (page) or an app (app API) self-reports; an operator opens one
 * the platform found.
 *
 * @param userId the person, when a person reports
 * @param appId the app, when it reports through the app API
 */
public record Reporter(Kind kind, String label, UUID userId, UUID appId) {

	public enum Kind {
		DEVELOPER, APP, OPERATOR
	}

	public static Reporter developer(UUID userId, String email) {
		return new Reporter(Kind.DEVELOPER, email, userId, null);
	}

	public static Reporter app(UUID appId, String clientId) {
		return new Reporter(Kind.APP, "app:" + appId + (clientId == null ? "" : " (client " + clientId + ")"), null, appId);
	}

	public static Reporter operator(UUID userId, String email) {
		return new Reporter(Kind.OPERATOR, email, userId, null);
	}

	public boolean selfReport() {
		return kind != Kind.OPERATOR;
	}

}
