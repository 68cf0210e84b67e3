package dev.gatehouse.incidents.internal;

import dev.gatehouse.incidents.IncidentEvents.NoticeStatusChanged;
import dev.gatehouse.incidents.Notice;
import dev.gatehouse.notifications.Notifications;
import dev.gatehouse.notifications.OutboxMessage;

import java.time.Clock;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Follows each notice's mail through the notifications outbox: QUEUED until the mail server took it
 * (SENT) or every attempt failed (FAILED). A mail held for lack of a mail server, or waiting for a
 * retry, stays QUEUED with the reason. Reading is recorded by the notice's tracked link.
 */
@Component
public class NoticeTracker {

	private final IncidentRepository incidents;

	private final Notifications notifications;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	NoticeTracker(IncidentRepository incidents, Notifications notifications, ApplicationEventPublisher events,
			Clock clock) {
		this.incidents = incidents;
		this.notifications = notifications;
		this.events = events;
		this.clock = clock;
	}

	/** In the caller's transaction. @return notices claimed */
	public int refresh(int limit) {
		List<Notice> queued = incidents.claimQueued(limit);
		for (Notice notice : queued) {
			OutboxMessage mail = notice.messageId() == null ? null : notifications.message(notice.messageId()).orElse(null);
			if (mail == null) {
				continue;
			}
			switch (mail.status()) {
				case SENT -> {
					incidents.noticeSent(notice.id(), mail.sentAt() == null ? clock.instant() : mail.sentAt());
					moved(notice, Notice.Status.SENT, "mail accepted by the mail server");
				}
				case ABANDONED -> {
					incidents.noticeFailed(notice.id(), clock.instant(), mail.lastError());
					moved(notice, Notice.Status.FAILED, "mail abandoned after " + mail.attempts() + " attempt(s): "
							+ mail.lastError());
				}
				case FAILED -> incidents.noticeWaiting(notice.id(), "attempt " + mail.attempts() + " failed ("
						+ mail.lastError() + "); retrying");
				case HELD -> incidents.noticeWaiting(notice.id(), "held in the outbox: no mail server is configured");
				case QUEUED -> {
					// not picked up yet
				}
			}
		}
		return queued.size();
	}

	void moved(Notice notice, Notice.Status to, String detail) {
		incidents.note(notice.incidentId(), clock.instant(), "notice." + to.name().toLowerCase(java.util.Locale.ROOT),
				"system", notice.email() + " (account " + notice.accountId() + "): " + detail);
		events.publishEvent(new NoticeStatusChanged(notice.incidentId(), notice.id(), notice.accountId(), notice.status(),
				to, "system"));
	}

}
