package dev.gatehouse.notifications;

import dev.gatehouse.shared.audit.Audited;

import java.util.Map;
import java.util.UUID;

/** An email was written to the outbox. Audited with the address and category, never the body. */
public record EmailQueued(UUID messageId, String to, String category) implements Audited {

	@Override
	public String action() {
		return "notifications.email.queued";
	}

	@Override
	public String target() {
		return "email:" + messageId;
	}

	@Override
	public Map<String, Object> details() {
		return Map.of("to", to, "category", category);
	}

}
