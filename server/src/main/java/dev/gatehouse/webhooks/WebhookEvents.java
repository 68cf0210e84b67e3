package dev.gatehouse.webhooks;

import dev.gatehouse.apps.AppId;
import dev.gatehouse.shared.audit.Audited;

import java.util.Map;

/** What happens to webhook endpoints and deliveries; each is an audit record. */
public final class WebhookEvents {

	private WebhookEvents() {
	}

	public record DeliveryExhausted(AppId appId, String deliveryId, String eventType, int attempts) implements Audited {
		public String action() { return "webhooks.delivery.exhausted"; }
		public String target() { return "app:" + appId; }
		public Map<String, Object> details() { return Map.of("delivery", deliveryId, "type", eventType, "attempts", attempts); }
		public String actor() { return "system"; }
	}

	public record EndpointDisabled(AppId appId, String reason, String by) implements Audited {
		public String action() { return "webhooks.endpoint.disabled"; }
		public String target() { return "app:" + appId; }
		public Map<String, Object> details() { return Map.of("reason", reason); }
		public String actor() { return by; }
	}

	public record EndpointEnabled(AppId appId, String by) implements Audited {
		public String action() { return "webhooks.endpoint.enabled"; }
		public String target() { return "app:" + appId; }
		public String actor() { return by; }
	}

	public record RedeliveryRequested(AppId appId, String deliveryId, String by) implements Audited {
		public String action() { return "webhooks.delivery.redelivery_requested"; }
		public String target() { return "app:" + appId; }
		public Map<String, Object> details() { return Map.of("delivery", deliveryId); }
		public String actor() { return by; }
	}

}
