package dev.gatehouse.privacy.internal;

import dev.gatehouse.privacy.PrivacyEvents.RecipientStatusChanged;
import dev.gatehouse.privacy.PrivacyEvents.RequestStatusChanged;
import dev.gatehouse.privacy.PrivacyRequest;
import dev.gatehouse.privacy.PrivacyRequestId;
import dev.gatehouse.privacy.Recipient;
import dev.gatehouse.privacy.RecipientStatus;
import dev.gatehouse.privacy.RequestStatus;

import java.time.Clock;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Records what happened to a request: the append-only history line, the audit event, and the
 * request's overall status recomputed from its recipients. Call in the transaction of the change.
 */
@Component
public class RequestLedger {

	private final RequestRepository requests;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	RequestLedger(RequestRepository requests, ApplicationEventPublisher events, Clock clock) {
		this.requests = requests;
		this.events = events;
		this.clock = clock;
	}

	public void recipientMoved(Recipient recipient, RecipientStatus to, String actor, String detail) {
		requests.appendEvent(recipient.requestId(), recipient.id(), clock.instant(), "recipient." + to.name().toLowerCase(java.util.Locale.ROOT),
				actor, detail);
		events.publishEvent(new RecipientStatusChanged(recipient.requestId(), recipient.id(), recipient.appId(),
				recipient.status(), to, actor));
		recompute(recipient.requestId(), actor);
	}

	public void note(PrivacyRequestId request, Recipient recipient, String type, String actor, String detail) {
		requests.appendEvent(request, recipient == null ? null : recipient.id(), clock.instant(), type, actor, detail);
	}

	/** Completed, or declined with the decline accepted by an operator. */
	private static boolean answered(Recipient recipient) {
		return recipient.status() == RecipientStatus.COMPLETED
				|| (recipient.status() == RecipientStatus.DECLINED && "ACCEPTED".equals(recipient.reviewDecision()));
	}

	/**
	 * Overdue while a recipient is late; completed when every recipient completed or had its
	 * decline accepted by an operator; open otherwise (a decline awaiting review keeps it open).
	 */
	public RequestStatus recompute(PrivacyRequestId id, String actor) {
		PrivacyRequest request = requests.findForUpdate(id).orElseThrow();
		List<Recipient> recipients = requests.recipients(id);
		RequestStatus status;
		if (recipients.stream().anyMatch(r -> r.status() == RecipientStatus.OVERDUE)) {
			status = RequestStatus.OVERDUE;
		}
		else if (recipients.stream().allMatch(RequestLedger::answered)) {
			status = RequestStatus.COMPLETED;
		}
		else {
			status = RequestStatus.OPEN;
		}
		if (status != request.status()) {
			var now = clock.instant();
			requests.updateStatus(id, status, status == RequestStatus.COMPLETED ? now : null);
			requests.appendEvent(id, null, now, "request." + status.name().toLowerCase(java.util.Locale.ROOT), actor, null);
			events.publishEvent(new RequestStatusChanged(id, request.status(), status, actor));
		}
		return status;
	}

}
