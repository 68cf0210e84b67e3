package dev.gatehouse.privacy.internal;

import dev.gatehouse.apps.AppId;
import dev.gatehouse.marketplace.InstallationEvents.AppUninstalled;
import dev.gatehouse.privacy.PrivacyEvents.RedactionRequested;
import dev.gatehouse.privacy.PrivacyProperties;
import dev.gatehouse.webhooks.Webhooks;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Uninstall redaction: the uninstall (which revokes the tokens at once) schedules an
 * {@code account.redact} webhook for after the pack's grace period, in the uninstall's own
 * transaction; whichever node claims the due row (SKIP LOCKED) queues the webhook and stamps the
 * row in one transaction, so it is sent exactly once.
 */
@Component
public class Redactions {

	private static final Logger log = LoggerFactory.getLogger(Redactions.class);

	private final JdbcClient jdbc;

	private final Webhooks webhooks;

	private final PackTerms terms;

	private final ApplicationEventPublisher events;

	private final PrivacyProperties properties;

	private final TransactionTemplate transactions;

	private final Clock clock;

	Redactions(JdbcClient jdbc, Webhooks webhooks, PackTerms terms, ApplicationEventPublisher events,
			PrivacyProperties properties, TransactionTemplate transactions, Clock clock) {
		this.jdbc = jdbc;
		this.webhooks = webhooks;
		this.terms = terms;
		this.events = events;
		this.properties = properties;
		this.transactions = transactions;
		this.clock = clock;
	}

	@EventListener
	void on(AppUninstalled uninstalled) {
		Instant now = clock.instant();
		jdbc.sql("""
				insert into privacy.redactions (id, customer_account_id, app_id, installation_id, uninstalled_at, due_at)
				values (:id, :account, :app, :installation, :now, :due)
				on conflict (installation_id) do nothing""")
			.param("id", UUID.randomUUID())
			.param("account", uninstalled.accountId().value())
			.param("app", uninstalled.appId().value())
			.param("installation", uninstalled.installationId().value())
			.param("now", Timestamp.from(now))
			.param("due", Timestamp.from(now.plus(terms.redactionGrace())))
			.update();
	}

	@Scheduled(fixedDelayString = "${gatehouse.privacy.redaction-interval:1m}", initialDelayString = "20s")
	void scheduledRound() {
		try {
			sendDue();
		}
		catch (RuntimeException ex) {
			log.warn("Redaction round failed: {}", ex.toString());
		}
	}

	/** @return how many redaction requests were queued */
	public int sendDue() {
		int sent = 0;
		int batch;
		do {
			batch = transactions.execute(status -> sendBatch());
			sent += batch;
		}
		while (batch == properties.batchSize());
		return sent;
	}

	/** Redactions of an account, newest first. */
	public List<Redaction> ofAccount(UUID accountId) {
		return jdbc.sql("select * from privacy.redactions where customer_account_id = :account order by uninstalled_at desc")
			.param("account", accountId)
			.query((rs, n) -> new Redaction(rs.getObject("id", UUID.class), rs.getObject("app_id", UUID.class),
					rs.getObject("installation_id", UUID.class), rs.getTimestamp("uninstalled_at").toInstant(),
					rs.getTimestamp("due_at").toInstant(),
					rs.getTimestamp("sent_at") == null ? null : rs.getTimestamp("sent_at").toInstant(),
					rs.getString("delivery_id")))
			.list();
	}

	public record Redaction(UUID id, UUID appId, UUID installationId, Instant uninstalledAt, Instant dueAt, Instant sentAt,
			String deliveryId) {
	}

	private int sendBatch() {
		Instant now = clock.instant();
		List<Due> due = jdbc.sql("""
				select id, customer_account_id, app_id, installation_id, uninstalled_at from privacy.redactions
				where sent_at is null and due_at <= :now order by due_at limit :limit for update skip locked""")
			.param("now", Timestamp.from(now))
			.param("limit", properties.batchSize())
			.query((rs, n) -> new Due(rs.getObject("id", UUID.class), rs.getObject("customer_account_id", UUID.class),
					rs.getObject("app_id", UUID.class), rs.getObject("installation_id", UUID.class),
					rs.getTimestamp("uninstalled_at").toInstant()))
			.list();
		for (Due redaction : due) {
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("redactionId", redaction.id().toString());
			data.put("reason", "uninstalled");
			data.put("accountId", redaction.accountId().toString());
			data.put("installationId", redaction.installationId().toString());
			data.put("uninstalledAt", redaction.uninstalledAt().toString());
			data.put("subjectIds", List.of());
			data.put("fields", List.of());
			data.put("dueAt", now.plus(terms.answerWithin()).toString());
			String deliveryId = webhooks.enqueue(new AppId(redaction.appId()), "account.redact", 1, data);
			jdbc.sql("update privacy.redactions set sent_at = :now, delivery_id = :delivery where id = :id")
				.param("now", Timestamp.from(now))
				.param("delivery", deliveryId)
				.param("id", redaction.id())
				.update();
			events.publishEvent(
					new RedactionRequested(redaction.installationId(), redaction.accountId(), redaction.appId(), deliveryId));
		}
		return due.size();
	}

	private record Due(UUID id, UUID accountId, UUID appId, UUID installationId, Instant uninstalledAt) {
	}

}
