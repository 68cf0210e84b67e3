package dev.gatehouse.apps;

import dev.gatehouse.apps.AppEvents.LogoUploaded;
import dev.gatehouse.apps.internal.logo.LogoProcessor;
import dev.gatehouse.apps.internal.logo.ProcessedLogo;
import dev.gatehouse.identity.UserId;
import dev.gatehouse.policy.LegalDocuments;
import dev.gatehouse.policy.pack.PolicyPack.LogoRules;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * App logos: checked against the pack's rules, re-encoded to PNG (so nothing but pixels survives),
 * stored by content hash and attached to the draft revision.
 */
@Service
public class AppLogos {

	static final LogoRules DEFAULT_RULES = new LogoRules(Set.of("png", "jpeg", "webp"), 1024 * 1024, 128, 2048, true);

	private final AppRegistry registry;

	private final LogoProcessor processor;

	private final LegalDocuments legal;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	AppLogos(AppRegistry registry, LogoProcessor processor, LegalDocuments legal, JdbcClient jdbc,
			ApplicationEventPublisher events, Clock clock) {
		this.registry = registry;
		this.processor = processor;
		this.legal = legal;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	public String upload(AppId id, UserId developer, byte[] upload, String fileName, String contentType) {
		App app = registry.requireForDeveloper(id, developer);
		if (!app.status().editable()) {
			throw new AppRejectedException("status", "An app that is " + AppRegistry.label(app.status())
					+ " cannot be changed now.");
		}
		LogoRules rules = legal.currentPack().map(p -> p.brand().logo()).orElse(DEFAULT_RULES);
		ProcessedLogo logo = processor.process(upload, fileName, contentType, rules);
		jdbc.sql("""
				insert into apps.logos (app_id, sha256, png, width, height, uploaded_at)
				values (:app, :sha, :png, :w, :h, :now) on conflict do nothing""")
			.param("app", app.id().value())
			.param("sha", logo.sha256Hex())
			.param("png", logo.png())
			.param("w", logo.width())
			.param("h", logo.height())
			.param("now", Timestamp.from(clock.instant()))
			.update();
		Revision revision = registry.editableRevision(registry.require(app.id()));
		registry.attachLogo(revision, logo.sha256Hex());
		events.publishEvent(new LogoUploaded(app.id(), logo.sha256Hex()));
		return logo.sha256Hex();
	}

	/** The stored PNG of a logo, for listings and the consent screen. */
	public Optional<byte[]> png(AppId app, String sha256) {
		return jdbc.sql("select png from apps.logos where app_id = :app and sha256 = :sha")
			.param("app", app.value())
			.param("sha", sha256)
			.query(byte[].class)
			.optional();
	}

}
