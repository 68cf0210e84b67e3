package dev.gatehouse.review.web;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppRegistry;
import dev.gatehouse.developers.DeveloperOrganizations;
import dev.gatehouse.developers.Organization;
import dev.gatehouse.review.AppChecks;
import dev.gatehouse.review.CheckOutcome;
import dev.gatehouse.review.ChecklistLine;
import dev.gatehouse.review.Review;
import dev.gatehouse.review.Reviews;
import dev.gatehouse.shared.security.UserPrincipal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The review queue and the review of one submission: assignment, the automated results, what
 * changed since the last review, the clause checklist and the decision. Reviewers, compliance
 * officers and admins act; every operator may read.
 */
@Controller
class OperatorReviewsController {

	static final String ACT = "hasAnyRole('ADMIN', 'REVIEWER', 'COMPLIANCE')";

	private final Reviews reviews;

	private final AppChecks checks;

	private final AppRegistry registry;

	private final DeveloperOrganizations organizations;

	OperatorReviewsController(Reviews reviews, AppChecks checks, AppRegistry registry, DeveloperOrganizations organizations) {
		this.reviews = reviews;
		this.checks = checks;
		this.registry = registry;
		this.organizations = organizations;
	}

	@GetMapping("/operator/reviews")
	String queue(@AuthenticationPrincipal UserPrincipal user, @RequestParam(defaultValue = "all") String show, Model model) {
		String filter = switch (show) {
			case "mine" -> user.email();
			case "unassigned" -> "-";
			default -> "";
		};
		List<Review> open = reviews.queue(filter, 200, 0);
		List<QueueRow> rows = new ArrayList<>();
		for (Review review : open) {
			App app = registry.find(review.appId()).orElse(null);
			if (app == null) {
				continue;
			}
			var run = checks.latestDone(review.revisionId());
			long failed = run.map(r -> checks.results(r.id()).stream().filter(x -> x.outcome() == CheckOutcome.FAIL).count()).orElse(0L);
			rows.add(new QueueRow(review, app, organizations.find(app.organizationId()).map(Organization::name).orElse(""),
					checks.pending(review.revisionId()) ? "running" : run.isEmpty() ? "not run" : failed + " failed"));
		}
		model.addAttribute("rows", rows);
		model.addAttribute("show", show);
		return "review/operator-queue";
	}

	@GetMapping("/operator/reviews/{id}")
	String review(@AuthenticationPrincipal UserPrincipal user, @PathVariable UUID id, Model model) {
		Review review = reviews.require(id);
		App app = registry.require(review.appId());
		List<ChecklistLine> checklist = reviews.checklist(review);
		model.addAttribute("review", review);
		model.addAttribute("app", app);
		model.addAttribute("org", organizations.find(app.organizationId()).orElse(null));
		model.addAttribute("checklist", checklist);
		model.addAttribute("pending", checks.pending(review.revisionId()));
		model.addAttribute("run", checks.latestDone(review.revisionId()).orElse(null));
		model.addAttribute("changes", reviews.changesSincePreviousReview(review));
		model.addAttribute("previous", review.previousReviewId() == null ? null : reviews.require(review.previousReviewId()));
		model.addAttribute("previousChanges",
				review.previousReviewId() == null ? List.of() : reviews.requiredChanges(review.previousReviewId()));
		model.addAttribute("requiredChanges", reviews.requiredChanges(review.id()));
		model.addAttribute("mine", user.email().equals(review.assignee()));
		model.addAttribute("marks", Arrays.asList(CheckOutcome.PASS, CheckOutcome.FAIL, CheckOutcome.NOT_APPLICABLE));
		// the request-changes form starts with one line per failed check or failed mark
		StringBuilder suggested = new StringBuilder();
		for (ChecklistLine line : checklist) {
			line.automated().stream().filter(r -> r.outcome() == CheckOutcome.FAIL)
				.forEach(r -> suggested.append(line.clause().id()).append(": ").append(r.summary()).append('\n'));
			if (line.mark() != null && line.mark().mark() == CheckOutcome.FAIL) {
				suggested.append(line.clause().id()).append(": ").append(line.mark().note()).append('\n');
			}
		}
		model.addAttribute("suggestedChanges", suggested.toString().strip());
		return "review/operator-review";
	}

	@PostMapping("/operator/reviews/{id}/assign")
	@PreAuthorize(ACT)
	String assign(@AuthenticationPrincipal UserPrincipal user, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String assignee, @RequestParam(defaultValue = "") String action,
			RedirectAttributes redirect) {
		String who = switch (action) {
			case "take" -> user.email();
			case "release" -> null;
			default -> assignee;
		};
		return Problems.run(redirect, back(id), "assign", Map.of("assignee", assignee),
				who == null ? "Released to the queue." : "Assigned to " + who + ".", () -> reviews.assign(id, who));
	}

	@PostMapping("/operator/reviews/{id}/start")
	@PreAuthorize(ACT)
	String start(@AuthenticationPrincipal UserPrincipal user, @PathVariable UUID id, RedirectAttributes redirect) {
		return Problems.run(redirect, back(id), "start", Map.of(), "Review started.", () -> reviews.start(id, user.email()));
	}

	@PostMapping("/operator/reviews/{id}/checks")
	@PreAuthorize(ACT)
	String runChecks(@AuthenticationPrincipal UserPrincipal user, @PathVariable UUID id, RedirectAttributes redirect) {
		Review review = reviews.require(id);
		return Problems.run(redirect, back(id), "checks", Map.of(), "The checks are queued; reload in a moment.",
				() -> checks.queue(review.appId(), review.revisionId(), dev.gatehouse.review.CheckTrigger.ON_DEMAND, user.email()));
	}

	@PostMapping("/operator/reviews/{id}/marks")
	@PreAuthorize(ACT)
	String mark(@AuthenticationPrincipal UserPrincipal user, @PathVariable UUID id, @RequestParam String clause,
			@RequestParam(defaultValue = "") String mark, @RequestParam(defaultValue = "") String note,
			RedirectAttributes redirect) {
		CheckOutcome outcome = Arrays.stream(CheckOutcome.values()).filter(o -> o.name().equals(mark)).findFirst().orElse(null);
		return Problems.run(redirect, back(id) + "#line-" + clause, "mark-" + clause, Map.of("note", note),
				clause + " marked.", () -> reviews.mark(id, clause, outcome, note, user.email()));
	}

	@PostMapping("/operator/reviews/{id}/approve")
	@PreAuthorize(ACT)
	String approve(@AuthenticationPrincipal UserPrincipal user, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String note, RedirectAttributes redirect) {
		return Problems.run(redirect, back(id), "approve", Map.of("note", note), "Approved: the revision is live.",
				() -> reviews.approve(id, user.email(), note));
	}

	@PostMapping("/operator/reviews/{id}/request-changes")
	@PreAuthorize(ACT)
	String requestChanges(@AuthenticationPrincipal UserPrincipal user, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String changes, @RequestParam(defaultValue = "") String note,
			RedirectAttributes redirect) {
		return Problems.run(redirect, back(id), "request-changes", Map.of("changes", changes, "note", note),
				"Changes requested; the developer has the list and the deadline.",
				() -> reviews.requestChanges(id, user.email(), ChangeLines.parse(changes), note));
	}

	@PostMapping("/operator/reviews/{id}/reject")
	@PreAuthorize(ACT)
	String reject(@AuthenticationPrincipal UserPrincipal user, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
		return Problems.run(redirect, back(id), "reject", Map.of("reason", reason), "Rejected; the developer is told why.",
				() -> reviews.reject(id, user.email(), reason));
	}

	private static String back(UUID id) {
		return "/operator/reviews/" + id;
	}

	record QueueRow(Review review, App app, String organization, String checks) {
	}

}
