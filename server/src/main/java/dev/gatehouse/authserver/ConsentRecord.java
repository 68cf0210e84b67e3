package dev.gatehouse.authserver;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One line of the consent ledger: who approved what, for which account, having seen which text. */
public record ConsentRecord(UUID id, UUID installationId, UUID accountId, UUID appId, String clientId, UUID userId,
		String userEmail, List<String> scopes, List<String> scopesAdded, String textSha256, String text,
		String policyVersion, String privacyPolicyUrl, String ip, Instant grantedAt) {
}
