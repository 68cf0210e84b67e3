package dev.gatehouse.privacy;

import java.time.Instant;
import java.util.List;

/** What a customer exports to show a request was propagated and answered (GDPR Art. 19 recipients). */
public record RequestEvidence(PrivacyRequest request, List<Recipient> recipients, List<RequestEvent> history,
		Instant exportedAt) {
}
