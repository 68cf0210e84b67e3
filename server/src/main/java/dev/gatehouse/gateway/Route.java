package dev.gatehouse.gateway;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One route of the platform API: calls with this method whose path (after the gateway's prefix)
 * matches the pattern go to the upstream with the same path.
 *
 * @param id stable name, used in the access log and metrics
 * @param method HTTP method, or {@code *} for any
 * @param path a path pattern such as {@code /v1/patients/{patientId}} (Spring's PathPattern syntax)
 * @param upstream base URL of the service that answers ({@code http} or {@code https}, no query)
 * @param scopes every scope the token must carry
 * @param dataCategories what kind of personal data the route touches (for the access log)
 * @param subjectHeader whether the upstream's {@code X-Data-Subjects} response header names the
 * data subjects the call touched
 * @param subjectPathVariables path variables that hold data subject ids
 * @param requiresInstallation whether only tokens acting for a customer account may call it
 * @param source where the route is defined
 * @param deprecated whether apps should stop calling it (monitoring flags apps that still do and
 * have not been revised for the pack's period)
 * @param sunset the day it is planned to go away; {@code null} when none is set
 */
public record Route(String id, String method, String path, URI upstream, List<String> scopes,
		List<String> dataCategories, boolean subjectHeader, List<String> subjectPathVariables,
		boolean requiresInstallation, Source source, boolean deprecated, LocalDate sunset) {

	private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

	private static final List<String> METHODS = List.of("*", "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");

	public Route {
		if (id == null || !ID.matcher(id).matches()) {
			throw new IllegalArgumentException("route id: lower-case letters, digits, '.', '_' or '-', at most 64");
		}
		method = method == null ? "*" : method.toUpperCase(Locale.ROOT);
		if (!METHODS.contains(method)) {
			throw new IllegalArgumentException("route " + id + ": method must be one of " + METHODS);
		}
		if (path == null || !path.startsWith("/")) {
			throw new IllegalArgumentException("route " + id + ": path must start with '/'");
		}
		if (upstream == null || !("http".equals(upstream.getScheme()) || "https".equals(upstream.getScheme()))
				|| upstream.getHost() == null || upstream.getRawQuery() != null || upstream.getRawFragment() != null) {
			throw new IllegalArgumentException("route " + id + ": upstream must be an http(s) URL without query");
		}
		scopes = scopes == null ? List.of() : List.copyOf(scopes);
		dataCategories = dataCategories == null ? List.of() : List.copyOf(dataCategories);
		subjectPathVariables = subjectPathVariables == null ? List.of() : List.copyOf(subjectPathVariables);
		source = source == null ? Source.CONFIGURATION : source;
		deprecated = deprecated || sunset != null;
	}

	/** A route in service (not deprecated). */
	public Route(String id, String method, String path, URI upstream, List<String> scopes, List<String> dataCategories,
			boolean subjectHeader, List<String> subjectPathVariables, boolean requiresInstallation, Source source) {
		this(id, method, path, upstream, scopes, dataCategories, subjectHeader, subjectPathVariables,
				requiresInstallation, source, false, null);
	}

	public boolean editable() {
		return source == Source.OPERATOR;
	}

	public enum Source {

		/** {@code gatehouse.gateway.routes}: changed by redeploying. */
		CONFIGURATION,

		/** Added by an operator in the UI; stored in the database and seen by every node. */
		OPERATOR

	}

}
