package dev.gatehouse.incidents.api;

import dev.gatehouse.apps.AppId;
import dev.gatehouse.incidents.Incident;
import dev.gatehouse.incidents.IncidentId;
import dev.gatehouse.incidents.Incidents;
import dev.gatehouse.incidents.IntakeCommand;
import dev.gatehouse.incidents.Reporter;
import dev.gatehouse.shared.web.InputRejectedException;
import dev.gatehouse.shared.web.NotFoundException;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An app self-reports a breach about itself, and reads back the incidents that name it. It is
 * authenticated like the rest of the app API ({@code /api/app/**}: the app's own client-credentials
 * token, see the privacy module's app API security chain); errors are problem+json.
 */
@RestController
@RequestMapping(path = "/api/app/v1/incidents", produces = MediaType.APPLICATION_JSON_VALUE)
class AppIncidentsController {

	private final Incidents incidents;

	AppIncidentsController(Incidents incidents) {
		this.incidents = incidents;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<IncidentResponse> report(@AuthenticationPrincipal Jwt token, @RequestBody ReportRequest body) {
		if (body == null) {
			throw new InputRejectedException("body", "Send the report as JSON.");
		}
		UUID app = app(token);
		Incident opened = incidents.open(new IntakeCommand(body.title(), List.of(app), body.discoveredAt(),
				body.windowFrom(), body.windowTo(), body.dataCategories(), body.description(), body.containment(),
				body.contact(), null), Reporter.app(app, token.getClaimAsString("client_id")));
		return ResponseEntity.created(URI.create("/api/app/v1/incidents/" + opened.id())).body(response(opened));
	}

	@GetMapping
	List<IncidentResponse> list(@AuthenticationPrincipal Jwt token, @RequestParam(defaultValue = "50") int limit) {
		if (limit < 1 || limit > 500) {
			throw new InputRejectedException("limit", "Use 1 to 500.");
		}
		return incidents.ofApp(new AppId(app(token)), limit).stream().map(this::response).toList();
	}

	@GetMapping("/{id}")
	IncidentResponse get(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
		UUID app = app(token);
		return incidents.find(new IncidentId(id))
			.filter(i -> i.appIds().contains(app))
			.map(this::response)
			.orElseThrow(() -> new NotFoundException("No such incident for this app."));
	}

	private IncidentResponse response(Incident i) {
		var clocks = incidents.clocks(i);
		var snapshot = incidents.currentSnapshot(i.id()).orElse(null);
		return new IncidentResponse(i.id().value(), i.reference(), i.title(), i.status().name().toLowerCase(java.util.Locale.ROOT),
				i.selfReported(), i.platformAwareAt(), i.discoveredAt(), i.windowFrom(), i.windowTo(), i.dataCategories(),
				snapshot == null ? 0 : snapshot.accounts(), snapshot == null ? 0 : snapshot.subjects(),
				i.customersNotifiedAt(), clocks.customers().dueAt(),
				clocks.customers().state().name().toLowerCase(java.util.Locale.ROOT));
	}

	private static UUID app(Jwt token) {
		return UUID.fromString(token.getClaimAsString("app_id"));
	}

	/**
	 * @param windowFrom start of the exposure (inclusive)
	 * @param windowTo end of the exposure (exclusive); now if it is still open
	 * @param dataCategories the categories exposed, such as {@code health}, {@code contact}
	 */
	record ReportRequest(String title, Instant discoveredAt, Instant windowFrom, Instant windowTo,
			List<String> dataCategories, String description, String containment, String contact) {
	}

	/**
	 * @param affectedAccounts customer accounts in the blast radius
	 * @param customersNotifiedAt when every affected account was sent its notice, or {@code null}
	 * @param customerClock running, overdue, met, met_late or not_needed
	 */
	record IncidentResponse(UUID id, String reference, String title, String status, boolean selfReported,
			Instant platformAwareAt, Instant discoveredAt, Instant windowFrom, Instant windowTo,
			List<String> dataCategories, int affectedAccounts, long affectedSubjects, Instant customersNotifiedAt,
			Instant customersDueAt, String customerClock) {
	}

}
