package dev.gatehouse.authserver.internal;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Spring's JDBC authorization service, minus one full read per save. Its {@code save} calls
 * {@code findById} only to choose between insert and update, and a full read maps the row's JSON
 * columns back into objects (the most expensive part of a code exchange or a refresh). Here that
 * one call answers from a plain existence query instead; every other read is the framework's.
 */
final class LeanJdbcAuthorizations extends JdbcOAuth2AuthorizationService {

	private static final ThreadLocal<Saving> SAVING = new ThreadLocal<>();

	private final JdbcOperations jdbc;

	LeanJdbcAuthorizations(JdbcOperations jdbc, RegisteredClientRepository clients) {
		super(jdbc, clients);
		this.jdbc = jdbc;
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		save(authorization, null);
	}

	/** Saves, knowing already whether the row exists ({@code null}: ask the database). */
	void save(OAuth2Authorization authorization, Boolean exists) {
		SAVING.set(new Saving(authorization, exists));
		try {
			super.save(authorization);
		}
		finally {
			SAVING.remove();
		}
	}

	@Override
	public OAuth2Authorization findById(String id) {
		Saving saving = SAVING.get();
		if (saving != null && saving.authorization().getId().equals(id)) {
			SAVING.remove();
			boolean exists = saving.exists() != null ? saving.exists() : exists(id);
			return exists ? saving.authorization() : null;
		}
		return super.findById(id);
	}

	/** Whether the row exists and the refresh token it holds now, read without mapping the row. */
	Stored stored(String id) {
		ResultSetExtractor<Stored> first = rs -> rs.next() ? new Stored(true, rs.getString(1)) : new Stored(false, null);
		return jdbc.query("select refresh_token_value from oauth2_authorization where id = ?", first, id);
	}

	record Stored(boolean exists, String refreshToken) {
	}

	private record Saving(OAuth2Authorization authorization, Boolean exists) {
	}

	private boolean exists(String id) {
		ResultSetExtractor<Boolean> any = rs -> rs.next();
		Boolean found = jdbc.query("select 1 from oauth2_authorization where id = ?", any, id);
		return Boolean.TRUE.equals(found);
	}

}
