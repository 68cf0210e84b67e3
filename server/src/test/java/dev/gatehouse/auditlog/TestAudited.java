package dev.gatehouse.auditlog;

import dev.gatehouse.shared.audit.Audited;

import java.util.Map;
import java.util.UUID;

/** An audited event as another module would publish it, with static builders for random targets. */
record TestAudited(String action, String target, Map<String, Object> details, String actor) implements Audited {

	static String randomTarget() {
		return "thing:" + UUID.randomUUID();
	}

	static TestAudited of(String action, String target) {
		return new TestAudited(action, target, Map.of(), null);
	}

	static TestAudited by(String actor, String action, String target, Map<String, Object> details) {
		return new TestAudited(action, target, details, actor);
	}

}
