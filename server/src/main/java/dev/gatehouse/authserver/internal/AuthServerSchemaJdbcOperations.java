package dev.gatehouse.authserver.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * Spring Security's JDBC authorization and consent services name their tables
 * {@code oauth2_authorization} and {@code oauth2_authorization_consent} with no schema. This wraps
 * the {@link JdbcOperations} they are given so those names point into the authserver schema (the
 * same approach as the identity module's passkey store). Calls that carry no SQL string (the column
 * metadata look-up, a connection callback) pass through unchanged.
 */
final class AuthServerSchemaJdbcOperations {

	private static final Pattern TABLES = Pattern
		.compile("(?<![.\\w])(oauth2_authorization_consent|oauth2_authorization)\\b");

	private AuthServerSchemaJdbcOperations() {
	}

	static JdbcOperations wrap(JdbcOperations jdbc) {
		return (JdbcOperations) Proxy.newProxyInstance(JdbcOperations.class.getClassLoader(),
				new Class<?>[] { JdbcOperations.class }, (proxy, method, args) -> {
					if (args != null && args.length > 0 && args[0] instanceof String sql) {
						args[0] = qualify(sql);
					}
					try {
						return method.invoke(jdbc, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

	static String qualify(String sql) {
		return TABLES.matcher(sql).replaceAll("authserver.$1");
	}

}
