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

	private static final ThreadLocal<OAuth2Authorization> SAVING = new ThreadLocal<>();

	private final JdbcOperations jdbc;

	LeanJdbcAuthorizations(JdbcOperations jdbc, RegisteredClientRepository clients) {
		super(jdbc, clients);
		this.jdbc = jdbc;
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		SAVING.set(authorization);
		try {
			super.save(authorization);
		}
		finally {
			SAVING.remove();
		}
	}

	@Override
	public OAuth2Authorization findById(String id) {
		OAuth2Authorization saving = SAVING.get();
		if (saving != null && saving.getId().equals(id)) {
			SAVING.remove();
			return exists(id) ? saving : null;
		}
		return super.findById(id);
	}

	/** The refresh token an authorization holds now, read without mapping the row. */
	String currentRefreshToken(String id) {
		ResultSetExtractor<String> first = rs -> rs.next() ? rs.getString(1) : null;
		return jdbc.query("select refresh_token_value from oauth2_authorization where id = ?", first, id);
	}

	private boolean exists(String id) {
		ResultSetExtractor<Boolean> any = rs -> rs.next();
		Boolean found = jdbc.query("select 1 from oauth2_authorization where id = ?", any, id);
		return Boolean.TRUE.equals(found);
	}

}
