package dev.gatehouse.demo;

import dev.gatehouse.shared.db.DatabaseProperties;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The demo logins, kept in {@code <data-dir>/demo-logins.tsv} (owner-only). Demo secrets are
 * deliberately recoverable; no real account's secret is ever written anywhere in clear.
 */
@Component
@Profile("demo")
class DemoLogins {

	private final Path file;

	private final Path clients;

	DemoLogins(DatabaseProperties database) {
		this.file = database.dataDir().resolve("demo-logins.tsv");
		this.clients = database.dataDir().resolve("demo-clients.tsv");
	}

	/** Remembers a demo OAuth client and its secret, one tab-separated line each. */
	void saveClient(DemoClient client) {
		try {
			Files.createDirectories(clients.getParent());
			Files.writeString(clients, String.join("\t", client.app(), client.clientId(), client.secret()) + "\n",
					java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
			Files.setPosixFilePermissions(clients, PosixFilePermissions.fromString("rw-------"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	List<DemoClient> loadClients() {
		if (!Files.exists(clients)) {
			return List.of();
		}
		try {
			return Files.readAllLines(clients).stream().map(line -> line.split("\t")).filter(p -> p.length == 3)
				.map(p -> new DemoClient(p[0], p[1], p[2]))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Starts the files afresh: called once when the demo is seeded. */
	void save(List<DemoLogin> logins) {
		try {
			Files.createDirectories(file.getParent());
			Files.deleteIfExists(clients);
			List<String> lines = new ArrayList<>();
			for (DemoLogin login : logins) {
				lines.add(String.join("\t", login.email(), login.password(), login.role(),
						login.totpSecret() == null ? "-" : login.totpSecret()));
			}
			Files.write(file, lines);
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	List<DemoLogin> load() {
		if (!Files.exists(file)) {
			return List.of();
		}
		try {
			return Files.readAllLines(file).stream().map(line -> line.split("\t")).filter(p -> p.length == 4)
				.map(p -> new DemoLogin(p[0], p[1], p[2], "-".equals(p[3]) ? null : p[3]))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String code(String secret, int offset) {
		try {
			return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret,
					Instant.now().getEpochSecond() / 30 + offset);
		}
		catch (CodeGenerationException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
