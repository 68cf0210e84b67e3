package dev.gatehouse.privacy.api;

import dev.gatehouse.apps.AppId;
import dev.gatehouse.privacy.AppRequest;
import dev.gatehouse.privacy.PrivacyRequestId;
import dev.gatehouse.privacy.PrivacyRequests;
import dev.gatehouse.privacy.RequestClosedException;
import dev.gatehouse.shared.web.InputRejectedException;
import dev.gatehouse.shared.web.ProblemTypes;

import jakarta.servlet.http.HttpServletRequest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The app's side of privacy requests: list what it was asked, acknowledge, complete with what it
 * did, or decline with a reason. The app is the one the token was issued to; another app's request
 * answers 404, as a missing one does.
 */
@RestController
@RequestMapping(path = "/api/app/v1/privacy-requests", produces = MediaType.APPLICATION_JSON_VALUE)
class AppPrivacyRequestsController {

	private final PrivacyRequests requests;

	AppPrivacyRequestsController(PrivacyRequests requests) {
		this.requests = requests;
	}

	@GetMapping
	List<PrivacyRequestResponse> list(@AuthenticationPrincipal Jwt token,
			@RequestParam(defaultValue = "open") String status, @RequestParam(defaultValue = "100") int limit) {
		boolean awaiting = switch (status) {
			case "open" -> true;
			case "all" -> false;
			default -> throw new InputRejectedException("status", "Use open or all.");
		};
		if (limit < 1 || limit > 500) {
			throw new InputRejectedException("limit", "Use 1 to 500.");
		}
		return requests.forApp(app(token), awaiting, limit).stream().map(PrivacyRequestResponse::of).toList();
	}

	@GetMapping("/{id}")
	PrivacyRequestResponse get(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
		return PrivacyRequestResponse.of(requests.forApp(app(token), new PrivacyRequestId(id)));
	}

	@PostMapping("/{id}/acknowledge")
	PrivacyRequestResponse acknowledge(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
		return PrivacyRequestResponse.of(requests.acknowledge(app(token), new PrivacyRequestId(id), actor(token)));
	}

	@PostMapping(path = "/{id}/complete", consumes = MediaType.APPLICATION_JSON_VALUE)
	PrivacyRequestResponse complete(@AuthenticationPrincipal Jwt token, @PathVariable UUID id,
			@RequestBody CompleteRequest body) {
		return PrivacyRequestResponse
			.of(requests.complete(app(token), new PrivacyRequestId(id), body.outcome(), body.completedAt(), actor(token)));
	}

	@PostMapping(path = "/{id}/decline", consumes = MediaType.APPLICATION_JSON_VALUE)
	PrivacyRequestResponse decline(@AuthenticationPrincipal Jwt token, @PathVariable UUID id,
			@RequestBody DeclineRequest body) {
		return PrivacyRequestResponse.of(requests.decline(app(token), new PrivacyRequestId(id), body.reason(), actor(token)));
	}

	@ExceptionHandler(RequestClosedException.class)
	ResponseEntity<ProblemDetail> closed(RequestClosedException ex, HttpServletRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setType(ProblemTypes.of("request-closed"));
		problem.setInstance(URI.create(request.getRequestURI()));
		return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static AppId app(Jwt token) {
		return new AppId(UUID.fromString(token.getClaimAsString("app_id")));
	}

	private static String actor(Jwt token) {
		return "app:" + token.getClaimAsString("app_id") + " (client " + token.getClaimAsString("client_id") + ")";
	}

	/**
	 * @param outcome what was erased, updated or exported, and from where
	 * @param completedAt when it was done; now when absent
	 */
	record CompleteRequest(String outcome, Instant completedAt) {
	}

	record DeclineRequest(String reason) {
	}

	record PrivacyRequestResponse(UUID id, String kind, String eventType, UUID accountId, List<String> subjectIds,
			List<String> fields, Instant filedAt, Instant dueAt, String status, Instant acknowledgedAt,
			Instant completedAt, String outcome, Instant declinedAt, String declineReason, String review) {

		static PrivacyRequestResponse of(AppRequest a) {
			var r = a.request();
			var mine = a.recipient();
			return new PrivacyRequestResponse(r.id().value(), r.kind().name().toLowerCase(java.util.Locale.ROOT),
					r.kind().eventType(), r.accountId().value(), r.subjectIds(), r.changedFields(), r.filedAt(), mine.dueAt(),
					mine.status().name().toLowerCase(java.util.Locale.ROOT), mine.acknowledgedAt(), mine.completedAt(),
					mine.outcome(), mine.declinedAt(), mine.declineReason(),
					mine.reviewDecision() == null ? null : mine.reviewDecision().toLowerCase(java.util.Locale.ROOT));
		}

	}

}
