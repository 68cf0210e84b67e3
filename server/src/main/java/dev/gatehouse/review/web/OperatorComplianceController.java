package dev.gatehouse.review.web;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppId;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.review.AppChecks;
import dev.gatehouse.review.Audit;
import dev.gatehouse.review.AuditOutcome;
import dev.gatehouse.review.Audits;
import dev.gatehouse.review.CheckOutcome;
import dev.gatehouse.review.ComplianceReport;
import dev.gatehouse.review.ComplianceReports;
import dev.gatehouse.review.EvidenceFile;
import dev.gatehouse.review.EvidenceRequest;
import dev.gatehouse.review.Reviews;
import dev.gatehouse.shared.security.UserPrincipal;
import dev.gatehouse.shared.web.NotFoundException;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An app's compliance: the clause overview and its exports (JSON, PDF), check runs on demand,
 * audits with their checklist and outcome, and requests for proof of compliance with the
 * developer's evidence.
 */
@Controller
class OperatorComplianceController {

	private static final String ACT = OperatorReviewsController.ACT;

	private final ComplianceReports reports;

	private final Audits audits;

	private final AppChecks checks;

	private final Reviews reviews;

	private final AppRegistry registry;

	OperatorComplianceController(ComplianceReports reports, Audits audits, AppChecks checks, Reviews reviews,
			AppRegistry registry) {
		this.reports = reports;
		this.audits = audits;
		this.checks = checks;
		this.reviews = reviews;
		this.registry = registry;
	}

	@GetMapping("/operator/apps/{id}/compliance")
	String compliance(@PathVariable AppId id, Model model) {
		App app = registry.require(id);
		model.addAttribute("app", app);
		model.addAttribute("report", reports.report(id));
		model.addAttribute("runs", checks.runs(id, 20));
		model.addAttribute("audits", audits.ofApp(id));
		model.addAttribute("requests", audits.evidenceRequests(id));
		model.addAttribute("reviews", reviews.ofApp(id));
		model.addAttribute("live", app.liveRevisionId() != null);
		return "review/operator-compliance";
	}

	@GetMapping(path = "/operator/apps/{id}/compliance.json", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	ResponseEntity<ComplianceReport> json(@PathVariable AppId id) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
				.filename("compliance-" + id + ".json")
				.build()
				.toString())
			.body(reports.report(id));
	}

	@GetMapping("/operator/apps/{id}/compliance.pdf")
	ResponseEntity<byte[]> pdf(@PathVariable AppId id) {
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
				.filename("compliance-" + id + ".pdf")
				.build()
				.toString())
			.body(reports.pdf(id));
	}

	@PostMapping("/operator/apps/{id}/compliance/checks")
	@PreAuthorize(ACT)
	String runChecks(@AuthenticationPrincipal UserPrincipal user, @PathVariable AppId id, RedirectAttributes redirect) {
		return Problems.run(redirect, "/operator/apps/" + id + "/compliance", "checks", Map.of(),
				"The checks are queued; reload in a moment.", () -> checks.queueOnDemand(id, user.email()));
	}

	@PostMapping("/operator/apps/{id}/compliance/audits")
	@PreAuthorize(ACT)
	String openAudit(@AuthenticationPrincipal UserPrincipal user, @PathVariable AppId id, RedirectAttributes redirect) {
		UUID[] opened = new UUID[1];
		String back = Problems.run(redirect, "/operator/apps/" + id + "/compliance", "audit", Map.of(), "Audit opened.", () -> {
			var audit = audits.open(id, "ON_DEMAND", user.email());
			if (audit.isEmpty()) {
				throw new dev.gatehouse.shared.web.InputRejectedException("audit", "This app already has an open audit.");
			}
			opened[0] = audit.get().id();
		});
		return opened[0] == null ? back : "redirect:/operator/audits/" + opened[0];
	}

	@PostMapping("/operator/apps/{id}/compliance/evidence-requests")
	@PreAuthorize(ACT)
	String requestEvidence(@AuthenticationPrincipal UserPrincipal user, @PathVariable AppId id,
			@RequestParam(defaultValue = "") String clause, @RequestParam(defaultValue = "") String request,
			@RequestParam(required = false) UUID audit, RedirectAttributes redirect) {
		String back = audit == null ? "/operator/apps/" + id + "/compliance#evidence" : "/operator/audits/" + audit;
		return Problems.run(redirect, back, "evidence", Map.of("clause", clause, "request", request),
				"Evidence requested; the developer is told the deadline.",
				() -> audits.requestEvidence(id, audit, clause, request, user.email()));
	}

	@GetMapping("/operator/audits")
	String openAudits(Model model) {
		List<Audit> open = audits.openAudits();
		Map<String, App> apps = new LinkedHashMap<>();
		open.forEach(a -> registry.find(a.appId()).ifPresent(app -> apps.put(a.appId().toString(), app)));
		model.addAttribute("audits", open);
		model.addAttribute("apps", apps);
		return "review/operator-audits";
	}

	@GetMapping("/operator/audits/{id}")
	String audit(@PathVariable UUID id, Model model) {
		Audit audit = audits.require(id);
		model.addAttribute("audit", audit);
		model.addAttribute("app", registry.require(audit.appId()));
		model.addAttribute("checklist", audits.checklist(audit));
		List<EvidenceRequest> requests = audits.evidenceRequestsOf(id);
		Map<UUID, List<EvidenceFile>> files = new LinkedHashMap<>();
		requests.forEach(r -> files.put(r.id(), audits.files(r.id())));
		model.addAttribute("requests", requests);
		model.addAttribute("files", files);
		model.addAttribute("marks", Arrays.asList(CheckOutcome.PASS, CheckOutcome.FAIL, CheckOutcome.NOT_APPLICABLE));
		model.addAttribute("outcomes", AuditOutcome.values());
		return "review/operator-audit";
	}

	@PostMapping("/operator/audits/{id}/marks")
	@PreAuthorize(ACT)
	String mark(@AuthenticationPrincipal UserPrincipal user, @PathVariable UUID id, @RequestParam String clause,
			@RequestParam(defaultValue = "") String mark, @RequestParam(defaultValue = "") String note,
			RedirectAttributes redirect) {
		CheckOutcome outcome = Arrays.stream(CheckOutcome.values()).filter(o -> o.name().equals(mark)).findFirst().orElse(null);
		return Problems.run(redirect, "/operator/audits/" + id + "#line-" + clause, "mark-" + clause, Map.of("note", note),
				clause + " marked.", () -> audits.mark(id, clause, outcome, note, user.email()));
	}

	@PostMapping("/operator/audits/{id}/close")
	@PreAuthorize(ACT)
	String close(@AuthenticationPrincipal UserPrincipal user, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String outcome, @RequestParam(defaultValue = "") String note,
			RedirectAttributes redirect) {
		AuditOutcome chosen = Arrays.stream(AuditOutcome.values()).filter(o -> o.name().equals(outcome)).findFirst().orElse(null);
		return Problems.run(redirect, "/operator/audits/" + id, "close", Map.of("note", note), "Audit closed.",
				() -> audits.close(id, chosen, note, user.email()));
	}

	@PostMapping("/operator/evidence/{requestId}/decision")
	@PreAuthorize(ACT)
	String decide(@AuthenticationPrincipal UserPrincipal user, @PathVariable UUID requestId,
			@RequestParam(defaultValue = "false") boolean accept, @RequestParam(defaultValue = "") String note,
			RedirectAttributes redirect) {
		EvidenceRequest request = audits.requireRequest(requestId);
		String back = request.auditId() != null ? "/operator/audits/" + request.auditId()
				: "/operator/apps/" + request.appId() + "/compliance#evidence";
		return Problems.run(redirect, back, "decide-" + requestId, Map.of("note", note),
				accept ? "Evidence accepted." : "Evidence returned to the developer.",
				() -> audits.decideEvidence(requestId, accept, note, user.email()));
	}

	@GetMapping("/operator/evidence/files/{fileId}")
	ResponseEntity<byte[]> file(@PathVariable UUID fileId) {
		EvidenceFile file = audits.file(fileId).orElseThrow(() -> new NotFoundException("No such file."));
		return EvidenceDownloads.of(file, audits.fileContent(fileId).orElseThrow());
	}

}
