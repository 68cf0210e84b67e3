package dev.gatehouse.shared.db;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Gatehouse keeps its data. With no {@code url} it runs an embedded PostgreSQL under
 * {@code dataDir}/postgres; with one ({@code GATEHOUSE_DB_URL}) it uses that server.
 * {@code connectionTimeout} is how long a request waits for a pooled connection before it gives up
 * (a page then answers 503 with {@code Retry-After}).
 */
@ConfigurationProperties("gatehouse.db")
public record DatabaseProperties(String url, String username, String password, @DefaultValue("./var") Path dataDir,
		@DefaultValue("0") int embeddedPort, @DefaultValue("false") boolean ephemeral, @DefaultValue("20") int poolSize,
		@DefaultValue("30s") Duration connectionTimeout) {

	public boolean embedded() {
		return url == null || url.isBlank();
	}

}
