package dev.gatehouse.auditlog.web;

import dev.gatehouse.auditlog.AuditLog;
import dev.gatehouse.auditlog.AuditQuery;
import dev.gatehouse.auditlog.ChainVerification;
import dev.gatehouse.auditlog.internal.AuditFilterParameters;
import dev.gatehouse.auditlog.internal.InvalidAuditFilterException;

import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The operator's audit log page: filter, page through, export and verify. Access is restricted by
 * URL in the central security configuration.
 */
@Controller
@RequestMapping("/operator/audit")
class AuditLogController {

	static final String PAGE = "auditlog/audit";

	private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private final AuditLog auditLog;

	private final Clock clock;

	AuditLogController(AuditLog auditLog, Clock clock) {
		this.auditLog = auditLog;
		this.clock = clock;
	}

	@GetMapping
	String page(@ModelAttribute("filter") AuditFilterParameters filter, Model model) {
		populate(filter, model);
		return PAGE;
	}

	@GetMapping("/export.jsonl")
	void export(@ModelAttribute("filter") AuditFilterParameters filter, HttpServletResponse response)
			throws IOException {
		AuditQuery query;
		try {
			query = filter.toQuery();
		}
		catch (InvalidAuditFilterException ex) {
			response.sendError(HttpServletResponse.SC_BAD_REQUEST);
			return;
		}
		response.setContentType("application/jsonl");
		response.setCharacterEncoding("UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
			.filename("audit-" + FILE_TIME.format(clock.instant()) + ".jsonl")
			.build()
			.toString());
		auditLog.exportJsonLines(query, response.getOutputStream());
	}

	/** With htmx only the result fragment is sent back; without JavaScript the whole page. */
	@PostMapping("/verify")
	String verify(@ModelAttribute("filter") AuditFilterParameters filter,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
		ChainVerification verification = auditLog.verify();
		model.addAttribute("verification", verification);
		if ("true".equals(htmx)) {
			return PAGE + " :: verification";
		}
		populate(filter, model);
		return PAGE;
	}

	private void populate(AuditFilterParameters filter, Model model) {
		model.addAttribute("timeHint", AuditFilterParameters.TIME_HINT);
		model.addAttribute("exportPath", "/operator/audit/export.jsonl" + filter.filterQueryString());
		model.addAttribute("newestPath", "/operator/audit" + filter.filterQueryString());
		try {
			var page = auditLog.find(filter.toQuery());
			model.addAttribute("page", page);
			if (page.hasNext()) {
				String query = filter.filterQueryString();
				model.addAttribute("olderPath", "/operator/audit" + (query.isEmpty() ? "?" : query + "&") + "before="
						+ page.nextBeforeSeq() + (filter.size() == null || filter.size().isBlank() ? "" : "&size=" + page.size()));
			}
			model.addAttribute("filterErrors", Map.of());
		}
		catch (InvalidAuditFilterException ex) {
			model.addAttribute("filterErrors", Map.of(ex.field(), ex.getMessage()));
		}
	}

}
