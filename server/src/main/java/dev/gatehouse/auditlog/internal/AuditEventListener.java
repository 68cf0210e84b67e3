package dev.gatehouse.auditlog.internal;

import dev.gatehouse.shared.audit.Audited;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records every {@link Audited} event synchronously, in the publisher's transaction (or a new one
 * when there is none, or when the publisher's is read-only), so that a change and its audit record
 * commit or roll back together. The head row lock taken by the append is held until that
 * transaction ends, so publishers should publish audited events late in short transactions.
 */
@Component
class AuditEventListener {

	static final String SYSTEM_ACTOR = "system";

	/** Our own mapper, so that changes to the application's JSON settings never change what is hashed. */
	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.build();

	private final AuditChain chain;

	private final Clock clock;

	private final TransactionTemplate transaction;

	private final TransactionTemplate ownTransaction;

	AuditEventListener(AuditChain chain, Clock clock, PlatformTransactionManager transactionManager) {
		this.chain = chain;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactionManager);
		this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	@EventListener
	void on(Audited event) {
		String action = requireText(event.action(), "action");
		String target = requireText(event.target(), "target");
		String details = detailsJson(event.details());
		String actor = actor(event);
		String actorIp = remoteAddress();
		// A read-only transaction changes nothing that could roll back, and cannot insert: record on our own.
		var template = TransactionSynchronizationManager.isCurrentTransactionReadOnly() ? ownTransaction : transaction;
		template.executeWithoutResult(status -> chain
			.append(clock.instant().truncatedTo(ChronoUnit.MICROS), actor, actorIp, action, target, details));
	}

	static String detailsJson(Map<String, Object> details) {
		return JSON.writeValueAsString(details == null ? Map.of() : new TreeMap<>(details));
	}

	private static String actor(Audited event) {
		if (event.actor() != null && !event.actor().isBlank()) {
			return event.actor();
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken) && authentication.getName() != null) {
			return authentication.getName();
		}
		return SYSTEM_ACTOR;
	}

	private static String remoteAddress() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			return attributes.getRequest().getRemoteAddr();
		}
		return null;
	}

	private static String requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("An audited event needs a non-blank " + name);
		}
		return value;
	}

}
