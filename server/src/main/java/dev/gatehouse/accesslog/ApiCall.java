package dev.gatehouse.accesslog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One call through the gateway, as the access log keeps it.
 *
 * @param id unique per call; also sent upstream as the request id
 * @param occurredAt when the gateway received the call
 * @param appId the calling app; {@code null} when the token could not be verified
 * @param clientId the OAuth client id; {@code null} when unknown
 * @param installationId the installation the token acts for; {@code null} for app-level tokens
 * @param customerAccountId the installation's customer account; {@code null} for app-level tokens
 * @param routeId the gateway route that matched; {@code null} when none did
 * @param method HTTP method
 * @param path the request path as received, without the query string
 * @param status the status returned to the app (the gateway's own for rejections)
 * @param latencyMicros from receiving the request to the last byte of the response
 * @param requestBytes request body size
 * @param responseBytes response body size
 * @param scopes the token's scopes the route required (what the call used)
 * @param dataCategories the route's data categories
 * @param subjectIds data subjects the upstream said the response touched
 * @param clientAddress the caller's IP address
 * @param rejection why the gateway refused the call ({@code invalid_token}, {@code insufficient_scope},
 * {@code rate_limited}, {@code app_suspended}, ...); {@code null} when it was forwarded
 */
public record ApiCall(UUID id, Instant occurredAt, UUID appId, String clientId, UUID installationId,
		UUID customerAccountId, String routeId, String method, String path, int status, long latencyMicros,
		long requestBytes, long responseBytes, List<String> scopes, List<String> dataCategories,
		List<String> subjectIds, String clientAddress, String rejection) {

	public ApiCall {
		scopes = scopes == null ? List.of() : List.copyOf(scopes);
		dataCategories = dataCategories == null ? List.of() : List.copyOf(dataCategories);
		subjectIds = subjectIds == null ? List.of() : List.copyOf(subjectIds);
	}

}
