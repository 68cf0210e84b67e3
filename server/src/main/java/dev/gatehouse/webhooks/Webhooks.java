package dev.gatehouse.webhooks;

import dev.gatehouse.apps.AppId;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Signed webhooks to apps, through a durable outbox. */
public interface Webhooks {

	/**
	 * Queues an event for the app, in the caller's transaction: the delivery exists exactly when the
	 * change that caused it committed.
	 * @param type dotted lower-case words, such as {@code subject.erasure_requested}
	 * @param version the payload's version for this type
	 * @return the message id ({@code webhook-id}), the same on every attempt
	 */
	String enqueue(AppId app, String type, int version, Map<String, Object> data);

	/** Queues a {@code webhook.test} event. */
	String sendTest(AppId app, String actor);

	WebhookEndpoint endpoint(AppId app);

	/** Newest first. */
	List<WebhookDelivery> deliveries(AppId app, int limit);

	Optional<WebhookDelivery> delivery(AppId app, String deliveryId);

	List<WebhookAttempt> attempts(AppId app, String deliveryId);

	/** One more attempt of a delivered, exhausted or cancelled delivery. */
	void redeliver(AppId app, String deliveryId, String actor);

	/** No delivery is attempted while disabled; they wait and go out when it is enabled again. */
	void disable(AppId app, String reason, String actor);

	void enable(AppId app, String actor);

	/**
	 * Worker rounds now, as the schedule runs them: one, and at once another while each comes back
	 * full. @return deliveries claimed
	 */
	int deliverDueNow();

}
