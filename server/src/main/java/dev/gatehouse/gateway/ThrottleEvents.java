package dev.gatehouse.gateway;

import dev.gatehouse.shared.audit.Audited;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Throttles imposed and lifted; each is an audit record. */
public final class ThrottleEvents {

	private ThrottleEvents() {
	}

	public record ThrottleImposed(Throttle throttle) implements Audited {

		public String action() {
			return "gateway.throttle.imposed";
		}

		public String target() {
			return "app:" + throttle.appId();
		}

		public Map<String, Object> details() {
			var details = new LinkedHashMap<String, Object>();
			details.put("throttle", throttle.id().toString());
			details.put("installation", throttle.installationId() == null ? "" : throttle.installationId().toString());
			details.put("perMinute", throttle.perMinute());
			details.put("until", throttle.until().toString());
			details.put("reason", throttle.reason());
			return details;
		}

		public String actor() {
			return throttle.imposedBy();
		}

	}

	public record ThrottleLifted(UUID throttleId, UUID appId, String liftedBy, String reason) implements Audited {

		public String action() {
			return "gateway.throttle.lifted";
		}

		public String target() {
			return "app:" + appId;
		}

		public Map<String, Object> details() {
			return Map.of("throttle", throttleId.toString(), "reason", reason);
		}

		public String actor() {
			return liftedBy;
		}

	}

}
