package dev.gatehouse.identity.internal.passkeys;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * Spring Security's JDBC passkey repositories name their tables {@code user_entities} and
 * {@code user_credentials} with no schema and offer no way to change that. This wraps the
 * {@link JdbcOperations} they are given so those two names point into the identity schema, where
 * {@code V4__passkeys.sql} creates them. Nothing else is rewritten; should Spring one day issue SQL
 * through a method that takes no SQL string, it fails loudly, as no unqualified tables exist.
 */
final class IdentitySchemaJdbcOperations {

	private static final Pattern TABLES = Pattern.compile("(?<![.\\w])(user_entities|user_credentials)\\b");

	private IdentitySchemaJdbcOperations() {
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
		return TABLES.matcher(sql).replaceAll("identity.$1");
	}

}
