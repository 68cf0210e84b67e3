package dev.gatehouse.review.api;

import dev.gatehouse.apps.AppId;
import dev.gatehouse.review.AppChecks;
import dev.gatehouse.review.CheckResult;
import dev.gatehouse.review.CheckRun;
import dev.gatehouse.review.ComplianceReport;
import dev.gatehouse.review.ComplianceReports;
import dev.gatehouse.shared.web.NotFoundException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Compliance reports and check results for operators' tools (GRC exports, dashboards), with a
 * personal access token holding {@code compliance:read}, owned by an admin, compliance officer or
 * reviewer.
 */
@RestController
@RequestMapping("/api/v1/apps/{id}")
@Tag(name = "Compliance")
class ComplianceApiController {

	private static final String READ = "hasAuthority('SCOPE_compliance:read') and hasAnyRole('ADMIN', 'COMPLIANCE', 'REVIEWER')";

	private final ComplianceReports reports;

	private final AppChecks checks;

	ComplianceApiController(ComplianceReports reports, AppChecks checks) {
		this.reports = reports;
		this.checks = checks;
	}

	@GetMapping(path = "/compliance-report", produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize(READ)
	@Operation(summary = "Every clause of the policy in force with its mechanisms, latest results, marks, evidence and history")
	ComplianceReport report(@PathVariable AppId id) {
		return reports.report(id);
	}

	@GetMapping(path = "/compliance-report.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
	@PreAuthorize(READ)
	@Operation(summary = "The same report as a printable PDF")
	ResponseEntity<byte[]> pdf(@PathVariable AppId id) {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF).body(reports.pdf(id));
	}

	@GetMapping("/check-runs")
	@PreAuthorize(READ)
	@Operation(summary = "The app's check runs, newest first (at most 200)")
	List<CheckRun> runs(@PathVariable AppId id, @RequestParam(defaultValue = "50") int limit) {
		return checks.runs(id, limit);
	}

	@GetMapping("/check-runs/{runId}/results")
	@PreAuthorize(READ)
	@Operation(summary = "The results of one run, with their evidence")
	List<CheckResult> results(@PathVariable AppId id, @PathVariable UUID runId) {
		CheckRun run = checks.run(runId).filter(r -> r.appId().equals(id)).orElseThrow(() -> new NotFoundException("No such run."));
		return checks.results(run.id());
	}

}
