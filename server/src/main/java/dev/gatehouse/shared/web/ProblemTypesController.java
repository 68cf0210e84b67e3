package dev.gatehouse.shared.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** RFC 9457 type URIs are meant to be opened: each of ours explains what went wrong and what to do. */
@Controller
class ProblemTypesController {

	static final Map<String, String[]> TYPES = new LinkedHashMap<>();

	static {
		TYPES.put("authentication-required", new String[] { "Authentication required",
				"The request carried no access token. Send one as 'Authorization: Bearer <token>'." });
		TYPES.put("invalid-token", new String[] { "Invalid access token",
				"The token is unknown, expired, revoked, or its owner is disabled. Create a new one." });
		TYPES.put("insufficient-scope", new String[] { "Insufficient scope",
				"The token's scopes or its owner's roles do not allow this request. Use a token with the scope the endpoint names." });
		TYPES.put("malformed-json", new String[] { "Malformed JSON", "The request body is missing or is not valid JSON." });
		TYPES.put("unknown-field", new String[] { "Unknown field",
				"The body has a field the endpoint does not know; 'errors[0].field' names it. Remove it: fields are never ignored silently." });
		TYPES.put("invalid-field", new String[] { "Invalid field", "A field has a value of the wrong type or format." });
		TYPES.put("invalid-input", new String[] { "Invalid input",
				"The request is well formed but breaks a rule; 'errors' lists every field with its message." });
		TYPES.put("invalid-parameter", new String[] { "Invalid parameter", "A path or query parameter has an invalid value." });
		TYPES.put("invalid-filter", new String[] { "Invalid filter", "An audit-log filter parameter is not understood." });
		TYPES.put("not-found", new String[] { "Not found", "The resource does not exist, or is not yours to see." });
		TYPES.put("token-in-query", new String[] { "Access token in the URL",
				"Access tokens go in the Authorization header (Bearer). A URL carrying access_token is refused: URLs end up in logs, browser history and Referer headers." });
		TYPES.put("invalid-request", new String[] { "Invalid request",
				"The request is malformed: for the platform API, the Authorization header must be exactly one 'Bearer <token>'." });
		TYPES.put("installation-required", new String[] { "Installation required",
				"The route reads or changes a customer account's data. Call it with a token a customer granted by installing the app (authorization code flow), not a client-credentials token." });
		TYPES.put("request-closed", new String[] { "Privacy request already answered",
				"The app completed or declined this privacy request already; its answer stands. Read it with GET /api/app/v1/privacy-requests/{id}." });
		TYPES.put("method-not-allowed", new String[] { "Method not allowed", "The path exists but does not take this HTTP method." });
		TYPES.put("rate-limited", new String[] { "Rate limit reached",
				"The app or this customer account's installation made more calls than its limit allows. Wait the seconds Retry-After names; the RateLimit and RateLimit-Policy headers say how much is left." });
		TYPES.put("payload-too-large", new String[] { "Request body too large", "The body is larger than the platform API accepts." });
		TYPES.put("sensitive-data-blocked", new String[] { "Sensitive data refused",
				"The body carried what looks like a payment card number or a password. The developer policy forbids sending them through the platform; the call was refused and recorded as a finding." });
		TYPES.put("upstream-unavailable", new String[] { "Platform API unavailable",
				"The gateway could not reach the service behind this route. Retry later with backoff." });
		TYPES.put("upstream-timeout", new String[] { "Platform API timed out",
				"The service behind this route did not answer in time. Retry later with backoff; a write may or may not have happened." });
		TYPES.put("busy", new String[] { "Service busy",
				"Gatehouse could not get a database connection in time. Nothing was done; retry after the seconds Retry-After names." });
		TYPES.put("internal-error", new String[] { "Internal error",
				"Something failed on the server. It was logged; try again, and tell the operator if it persists." });
	}

	@GetMapping("/problems/{type}")
	String type(@PathVariable String type, Model model) {
		String[] entry = TYPES.get(type);
		if (entry == null) {
			throw new NotFoundException("No such problem type.");
		}
		model.addAttribute("type", type);
		model.addAttribute("title", entry[0]);
		model.addAttribute("description", entry[1]);
		return "problem-type";
	}

}
