package dev.gatehouse.shared.db;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * Some Spring JDBC stores (passkeys, OAuth authorizations) hard-code unqualified table names, while
 * every module keeps its tables in its own schema. This wraps the {@link JdbcOperations} handed to
 * such a store so those table names, and nothing else, point into the module's schema. Should the
 * store ever issue SQL through a method that takes no SQL string, it fails loudly: no unqualified
 * tables exist.
 */
public final class SchemaQualifiedJdbcOperations {

	private SchemaQualifiedJdbcOperations() {
	}

	public static JdbcOperations wrap(JdbcOperations jdbc, String schema, String... tables) {
		Pattern pattern = pattern(tables);
		// The stores issue a handful of fixed statements: rewrite each once, not on every call.
		Map<String, String> rewritten = new ConcurrentHashMap<>();
		return (JdbcOperations) Proxy.newProxyInstance(JdbcOperations.class.getClassLoader(),
				new Class<?>[] { JdbcOperations.class }, (proxy, method, args) -> {
					if (args != null && args.length > 0 && args[0] instanceof String sql) {
						args[0] = rewritten.size() < 1_000 ? rewritten.computeIfAbsent(sql, s -> qualify(s, pattern, schema))
								: qualify(sql, pattern, schema);
					}
					try {
						return method.invoke(jdbc, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

	public static String qualify(String sql, String schema, String... tables) {
		return qualify(sql, pattern(tables), schema);
	}

	private static String qualify(String sql, Pattern pattern, String schema) {
		return pattern.matcher(sql).replaceAll(schema + ".$1");
	}

	/** Longest names first, so a table whose name starts with another's is matched whole. */
	private static Pattern pattern(String... tables) {
		String names = Arrays.stream(tables)
			.sorted(Comparator.comparingInt(String::length).reversed())
			.map(Pattern::quote)
			.collect(Collectors.joining("|"));
		return Pattern.compile("(?<![.\\w])(" + names + ")\\b");
	}

}
