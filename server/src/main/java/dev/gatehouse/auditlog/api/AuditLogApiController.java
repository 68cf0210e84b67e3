package dev.gatehouse.auditlog.api;

import dev.gatehouse.auditlog.AuditLog;
import dev.gatehouse.auditlog.AuditPage;
import dev.gatehouse.auditlog.ChainVerification;
import dev.gatehouse.auditlog.internal.AuditFilterParameters;
import dev.gatehouse.auditlog.internal.InvalidAuditFilterException;

import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit log for machines: filtered pages, a JSON Lines export and chain verification. Access is
 * restricted by URL in the central security configuration.
 */
@RestController
@io.swagger.v3.oas.annotations.tags.Tag(name = "Audit log")
@RequestMapping("/api/v1/audit")
class AuditLogApiController {

	static final String JSON_LINES = "application/jsonl";

	static final URI INVALID_FILTER = dev.gatehouse.shared.web.ProblemTypes.of("invalid-filter");

	private final AuditLog auditLog;

	AuditLogApiController(AuditLog auditLog) {
		this.auditLog = auditLog;
	}

	@GetMapping("/events")
	AuditPage events(@ModelAttribute AuditFilterParameters filter) {
		return auditLog.find(filter.toQuery());
	}

	@GetMapping("/events/export")
	void export(@ModelAttribute AuditFilterParameters filter, HttpServletResponse response) throws IOException {
		var query = filter.toQuery();
		response.setContentType(JSON_LINES);
		response.setCharacterEncoding("UTF-8");
		auditLog.exportJsonLines(query, response.getOutputStream());
	}

	@PostMapping("/verify")
	ChainVerification verify() {
		return auditLog.verify();
	}

	@ExceptionHandler(InvalidAuditFilterException.class)
	ProblemDetail invalidFilter(InvalidAuditFilterException ex) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The filter parameter '" + ex.field() + "' " + ex.getMessage() + ".");
		problem.setType(INVALID_FILTER);
		problem.setTitle("Invalid audit log filter");
		// The same shape as every other API error: a list of fields and messages.
		problem.setProperty("errors", java.util.List.of(java.util.Map.of("field", ex.field(), "message", ex.getMessage())));
		return problem;
	}

}
