package dev.gatehouse.shared.crypto;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a Tink keyset from configuration or a file, creating the file on first start. */
final class KeysetLoader {

	private static final Logger log = LoggerFactory.getLogger(KeysetLoader.class);

	private KeysetLoader() {
	}

	static KeysetHandle load(String configured, Path file, Parameters parameters) throws GeneralSecurityException {
		if (configured != null && !configured.isBlank()) {
			return TinkJsonProtoKeysetFormat.parseKeyset(configured, InsecureSecretKeyAccess.get());
		}
		try {
			if (Files.exists(file)) {
				return TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file), InsecureSecretKeyAccess.get());
			}
			KeysetHandle handle = KeysetHandle.generateNew(parameters);
			Files.createDirectories(file.getParent());
			Path temp = Files.createTempFile(file.getParent(), "keyset", ".tmp");
			Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
			Files.writeString(temp, TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get()));
			Files.move(temp, file);
			log.warn("Generated a new keyset at {}. Back it up: data encrypted with it cannot be read without it.", file);
			return handle;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create keyset " + file, ex);
		}
	}

}
