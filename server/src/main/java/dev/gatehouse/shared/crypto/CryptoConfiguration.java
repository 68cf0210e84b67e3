package dev.gatehouse.shared.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.RegistryConfiguration;
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
		var handle = KeysetLoader.load(properties.aeadKeyset(), properties.keysetDir().resolve("aead.json"),
				PredefinedAeadParameters.AES256_GCM);
		return new SecretBox(handle.getPrimitive(RegistryConfiguration.get(), Aead.class));
	}

	@Bean
	SecretDigester secretDigester(CryptoProperties properties) throws GeneralSecurityException {
		MacConfig.register();
		var handle = KeysetLoader.load(properties.macKeyset(), properties.keysetDir().resolve("mac.json"),
				PredefinedMacParameters.HMAC_SHA256_256BITTAG);
		return new SecretDigester(handle.getPrimitive(RegistryConfiguration.get(), Mac.class));
	}

}
