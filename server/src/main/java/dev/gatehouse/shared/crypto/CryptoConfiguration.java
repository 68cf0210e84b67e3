package dev.gatehouse.shared.crypto;

import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.mac.PredefinedMacParameters;

import java.security.GeneralSecurityException;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

	@Bean
	SecretBox secretBox(CryptoProperties properties) throws GeneralSecurityException {
		AeadConfig.register();
		return SecretBox.forKeyset(KeysetLoader.load(properties.aeadKeyset(),
				properties.keysetDir().resolve("aead.json"), PredefinedAeadParameters.AES256_GCM));
	}

	@Bean
	SecretDigester secretDigester(CryptoProperties properties) throws GeneralSecurityException {
		MacConfig.register();
		return SecretDigester.forKeyset(KeysetLoader.load(properties.macKeyset(),
				properties.keysetDir().resolve("mac.json"), PredefinedMacParameters.HMAC_SHA256_256BITTAG));
	}

}
