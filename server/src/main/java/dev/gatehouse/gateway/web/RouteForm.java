package dev.gatehouse.gateway.web;

import dev.gatehouse.gateway.Route;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

/** An operator route as the form edits it; lists are comma or space separated. */
public class RouteForm {

	private String id = "";

	private String method = "GET";

	private String path = "";

	private String upstream = "";

	private String scopes = "";

	private String dataCategories = "";

	private boolean subjectHeader = true;

	private String subjectPathVariables = "";

	private boolean requiresInstallation = true;

	private boolean deprecated;

	private String sunset = "";

	static RouteForm of(Route route) {
		var form = new RouteForm();
		form.id = route.id();
		form.method = route.method();
		form.path = route.path();
		form.upstream = route.upstream().toString();
		form.scopes = String.join(" ", route.scopes());
		form.dataCategories = String.join(", ", route.dataCategories());
		form.subjectHeader = route.subjectHeader();
		form.subjectPathVariables = String.join(", ", route.subjectPathVariables());
		form.requiresInstallation = route.requiresInstallation();
		form.deprecated = route.deprecated();
		form.sunset = route.sunset() == null ? "" : route.sunset().toString();
		return form;
	}

	/** The route, or an IllegalArgumentException naming what is wrong. */
	Route toRoute() {
		URI uri;
		try {
			uri = URI.create(upstream.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("route " + id + ": upstream must be an http(s) URL without query");
		}
		java.time.LocalDate sunsetDay;
		try {
			sunsetDay = sunset.isBlank() ? null : java.time.LocalDate.parse(sunset.strip());
		}
		catch (java.time.format.DateTimeParseException ex) {
			throw new IllegalArgumentException("route " + id + ": sunset must be a date such as 2027-06-30");
		}
		return new Route(id.strip(), method, path.strip(), uri, list(scopes), list(dataCategories), subjectHeader,
				list(subjectPathVariables), requiresInstallation, Route.Source.OPERATOR, deprecated, sunsetDay);
	}

	private static List<String> list(String value) {
		return Arrays.stream(value.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
	}

	public String getId() { return id; }
	public void setId(String v) { this.id = v == null ? "" : v; }
	public String getMethod() { return method; }
	public void setMethod(String v) { this.method = v == null ? "GET" : v; }
	public String getPath() { return path; }
	public void setPath(String v) { this.path = v == null ? "" : v; }
	public String getUpstream() { return upstream; }
	public void setUpstream(String v) { this.upstream = v == null ? "" : v; }
	public String getScopes() { return scopes; }
	public void setScopes(String v) { this.scopes = v == null ? "" : v; }
	public String getDataCategories() { return dataCategories; }
	public void setDataCategories(String v) { this.dataCategories = v == null ? "" : v; }
	public boolean isSubjectHeader() { return subjectHeader; }
	public void setSubjectHeader(boolean v) { this.subjectHeader = v; }
	public String getSubjectPathVariables() { return subjectPathVariables; }
	public void setSubjectPathVariables(String v) { this.subjectPathVariables = v == null ? "" : v; }
	public boolean isRequiresInstallation() { return requiresInstallation; }
	public void setRequiresInstallation(boolean v) { this.requiresInstallation = v; }
	public boolean isDeprecated() { return deprecated; }
	public void setDeprecated(boolean v) { this.deprecated = v; }
	public String getSunset() { return sunset; }
	public void setSunset(String v) { this.sunset = v == null ? "" : v; }

}
