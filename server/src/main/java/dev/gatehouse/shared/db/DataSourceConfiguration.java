package dev.gatehouse.shared.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one data source: the external PostgreSQL when configured, else the embedded one. Tests run
 * with {@code ephemeral=true}: one throw-away server per JVM shared by every cached context.
 */
@Configuration(proxyBeanMethods = false)
class DataSourceConfiguration {

	private static final Path EPHEMERAL_DIR = ephemeralDirectory();

	@Bean
	HikariDataSource dataSource(DatabaseProperties properties) {
		HikariConfig config = new HikariConfig();
		config.setPoolName("gatehouse");
		config.setMaximumPoolSize(properties.poolSize());
		config.setConnectionTimeout(properties.connectionTimeout().toMillis());
		if (properties.embedded()) {
			Path dir = properties.ephemeral() ? EPHEMERAL_DIR : properties.dataDir().resolve("postgres");
			var postgres = EmbeddedPostgresServer.obtain(dir, properties.embeddedPort());
			config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
		}
		else {
			config.setJdbcUrl(properties.url());
			config.setUsername(properties.username());
			config.setPassword(properties.password());
		}
		return new HikariDataSource(config);
	}

	private static Path ephemeralDirectory() {
		try {
			Path dir = Files.createTempDirectory("gatehouse-pg-");
			dir.toFile().deleteOnExit();
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
