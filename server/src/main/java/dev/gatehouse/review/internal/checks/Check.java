package dev.gatehouse.review.internal.checks;

import java.util.Map;

/**
 * One automated check: the implementation of a {@code check.*} mechanism of the policy catalogue.
 * The pack in force decides which clauses use it and with which parameters.
 */
public interface Check {

	/** The mechanism id, for example {@code check.url-reachable}. */
	String id();

	/** Whether it calls the network; such checks only ever run on the worker, never on a request thread. */
	default boolean network() {
		return false;
	}

	Verdict evaluate(CheckInput input, Map<String, Object> params);

	static int intParam(Map<String, Object> params, String name, int fallback) {
		return params.get(name) instanceof Number n ? n.intValue() : fallback;
	}

	static boolean boolParam(Map<String, Object> params, String name, boolean fallback) {
		return params.get(name) instanceof Boolean b ? b : fallback;
	}

	@SuppressWarnings("unchecked")
	static java.util.List<String> listParam(Map<String, Object> params, String name, java.util.List<String> fallback) {
		return params.get(name) instanceof java.util.List<?> list ? (java.util.List<String>) list : fallback;
	}

}
