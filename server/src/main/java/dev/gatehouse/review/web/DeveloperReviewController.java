package dev.gatehouse.review.web;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppId;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.apps.Revision;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.review.AppChecks;
import dev.gatehouse.review.Audits;
import dev.gatehouse.review.CheckOutcome;
import dev.gatehouse.review.CheckResult;
import dev.gatehouse.review.EvidenceFile;
import dev.gatehouse.review.EvidenceRequest;
import dev.gatehouse.review.EvidenceUpload;
import dev.gatehouse.review.Review;
import dev.gatehouse.review.Reviews;
import dev.gatehouse.shared.security.UserPrincipal;
import dev.gatehouse.shared.web.NotFoundException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The developer's side of review and audits: the decision, the required changes to answer, the
 * failing checks, resubmission, and the evidence requests to answer with files.
 */
@Controller
class DeveloperReviewController {

	private final Reviews reviews;

	private final Audits audits;

	private final AppChecks checks;

	private final AppRegistry registry;

	DeveloperReviewController(Reviews reviews, Audits audits, AppChecks checks, AppRegistry registry) {
		this.reviews = reviews;
		this.audits = audits;
		this.checks = checks;
		this.registry = registry;
	}

	@GetMapping("/developer/apps/{id}/review")
	String page(@AuthenticationPrincipal UserPrincipal user, @PathVariable AppId id, Model model) {
		App app = registry.requireForDeveloper(id, new UserId(user.userUuid()));
		Optional<Review> latest = reviews.latest(id);
		Optional<Revision> checked = registry.draftRevision(app).or(() -> registry.liveRevision(app));
		List<CheckResult> results = checked.flatMap(r -> checks.latestDone(r.id()))
			.map(run -> checks.results(run.id()))
			.orElse(List.of());
		model.addAttribute("app", app);
		model.addAttribute("review", latest.orElse(null));
		model.addAttribute("requiredChanges", latest.map(r -> reviews.requiredChanges(r.id())).orElse(List.of()));
		model.addAttribute("failing", results.stream()
			.filter(r -> r.outcome() == CheckOutcome.FAIL || r.outcome() == CheckOutcome.ERROR)
			.toList());
		model.addAttribute("checkedRevision", checked.map(Revision::number).orElse(null));
		model.addAttribute("pending", checked.map(r -> checks.pending(r.id())).orElse(false));
		model.addAttribute("canResubmit", latest.map(r -> r.status().name().equals("CHANGES_REQUESTED")).orElse(false)
				&& reviews.canResubmit(app));
		List<EvidenceRequest> requests = audits.evidenceRequests(id);
		Map<UUID, List<EvidenceFile>> files = new LinkedHashMap<>();
		requests.forEach(r -> files.put(r.id(), audits.files(r.id())));
		model.addAttribute("requests", requests);
		model.addAttribute("files", files);
		return "review/developer-review";
	}

	@PostMapping("/developer/apps/{id}/review/changes/{changeId}")
	String answer(@AuthenticationPrincipal UserPrincipal user, @PathVariable AppId id, @PathVariable UUID changeId,
			@RequestParam(defaultValue = "") String response, RedirectAttributes redirect) {
		return Problems.run(redirect, back(id), "answer-" + changeId, Map.of("response", response), "Answer saved.",
				() -> reviews.answer(changeId, new UserId(user.userUuid()), response));
	}

	@PostMapping("/developer/apps/{id}/review/resubmit")
	String resubmit(@AuthenticationPrincipal UserPrincipal user, @PathVariable AppId id, RedirectAttributes redirect) {
		return Problems.run(redirect, back(id), "resubmit", Map.of(), "Resubmitted for review.",
				() -> registry.submit(id, new UserId(user.userUuid())));
	}

	@PostMapping("/developer/apps/{id}/review/evidence/{requestId}")
	String evidence(@AuthenticationPrincipal UserPrincipal user, @PathVariable AppId id, @PathVariable UUID requestId,
			@RequestParam(defaultValue = "") String answer,
			@RequestParam(name = "files", required = false) List<MultipartFile> files, RedirectAttributes redirect) {
		EvidenceRequest request = audits.requireRequest(requestId);
		if (!request.appId().equals(id)) {
			throw new NotFoundException("No such evidence request.");
		}
		List<EvidenceUpload> uploads = files == null ? List.of()
				: files.stream().filter(f -> !f.isEmpty()).map(f -> new EvidenceUpload(f.getOriginalFilename(), bytes(f))).toList();
		return Problems.run(redirect, back(id) + "#evidence", "evidence-" + requestId, Map.of("answer", answer),
				"Evidence sent; the operator is told.",
				() -> audits.submitEvidence(requestId, new UserId(user.userUuid()), answer, uploads));
	}

	@GetMapping("/developer/apps/{id}/review/files/{fileId}")
	ResponseEntity<byte[]> file(@AuthenticationPrincipal UserPrincipal user, @PathVariable AppId id,
			@PathVariable UUID fileId) {
		registry.requireForDeveloper(id, new UserId(user.userUuid()));
		EvidenceFile file = audits.file(fileId)
			.filter(f -> audits.requireRequest(f.requestId()).appId().equals(id))
			.orElseThrow(() -> new NotFoundException("No such file."));
		return EvidenceDownloads.of(file, audits.fileContent(fileId).orElseThrow());
	}

	private static byte[] bytes(MultipartFile file) {
		try {
			return file.getBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String back(AppId id) {
		return "/developer/apps/" + id + "/review";
	}

}
