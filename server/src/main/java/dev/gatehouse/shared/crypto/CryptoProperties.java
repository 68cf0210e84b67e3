package dev.gatehouse.shared.crypto;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the keys for encryption at rest and for peppered digests come from. In production pass the
 * Tink JSON keysets ({@code GATEHOUSE_AEAD_KEYSET}, {@code GATEHOUSE_MAC_KEYSET}) from a secret
 * store; without them Gatehouse generates keysets once under {@code keysetDir} so a single-node
 * installation keeps working across restarts.
 */
@ConfigurationProperties("gatehouse.crypto")
public record CryptoProperties(String aeadKeyset, String macKeyset, Path keysetDir) {

	public CryptoProperties {
		if (keysetDir == null) {
			keysetDir = Path.of("var", "keys");
		}
	}

}
