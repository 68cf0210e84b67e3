package dev.gatehouse.notifications;

/** Where an outbox message is on its way out. */
public enum OutboxStatus {

	/** Written, waiting for the sender. */
	QUEUED,

	/** Accepted by the SMTP server. */
	SENT,

	/** The last attempt failed; another follows at {@code nextAttemptAt}. */
	FAILED,

	/** Every allowed attempt failed; no more follow. */
	ABANDONED,

	/** No SMTP server is configured: kept in the built-in outbox, readable by operators. */
	HELD

}
