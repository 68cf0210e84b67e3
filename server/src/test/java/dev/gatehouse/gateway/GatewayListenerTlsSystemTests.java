package dev.gatehouse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/** The listener serving https from a Spring Boot SSL bundle (gatehouse.gateway.listener.ssl-bundle). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"gatehouse.gateway.listener.ssl-bundle=gateway-test",
		"spring.ssl.bundle.jks.gateway-test.keystore.location=file:${java.io.tmpdir}/gatehouse-listener-tls-test.p12",
		"spring.ssl.bundle.jks.gateway-test.keystore.password=" + GatewayListenerTlsSystemTests.PASSWORD,
		"spring.ssl.bundle.jks.gateway-test.keystore.type=PKCS12" })
@DirtiesContext
class GatewayListenerTlsSystemTests {

	static final String PASSWORD = "listener-test";

	static final Path KEYSTORE = Path.of(System.getProperty("java.io.tmpdir"), "gatehouse-listener-tls-test.p12");

	static {
		// A fresh self-signed key for 127.0.0.1, made before the context reads the bundle.
		try {
			Files.deleteIfExists(KEYSTORE);
			var keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
					"-genkeypair", "-alias", "gateway", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
					"-ext", "san=ip:127.0.0.1", "-validity", "2", "-keystore", KEYSTORE.toString(), "-storetype", "PKCS12",
					"-storepass", PASSWORD, "-keypass", PASSWORD)
				.redirectErrorStream(true)
				.start();
			String output = new String(keytool.getInputStream().readAllBytes());
			if (keytool.waitFor() != 0) {
				throw new IllegalStateException("keytool failed: " + output);
			}
		}
		catch (Exception ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	@Value("${local.gatehouse.gateway.port}")
	int listenerPort;

	@Test
	void listenerWhenBundleConfiguredThenServesHttpsWithItsCertificateAndTheGatewayAnswers() throws Exception {
		var http = HttpClient.newBuilder().sslContext(trusting(KEYSTORE)).connectTimeout(Duration.ofSeconds(5)).build();

		var response = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + listenerPort + "/platform/v1/patients/p1"))
			.header("Authorization", "Bearer not-a-token")
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_token");
		var served = (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
		assertThat(served.getSubjectX500Principal().getName()).isEqualTo("CN=127.0.0.1");
	}

	@Test
	void listenerWhenBundleConfiguredThenPlainHttpIsNotAnswered() {
		var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

		var plain = org.assertj.core.api.Assertions.catchThrowable(() -> http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listenerPort + "/platform/v1/patients/p1"))
					.timeout(Duration.ofSeconds(5))
					.build(),
				HttpResponse.BodyHandlers.ofString()));

		assertThat(plain).isNotNull();
	}

	private static SSLContext trusting(Path keystore) throws Exception {
		var store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keystore)) {
			store.load(in, PASSWORD.toCharArray());
		}
		var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(store);
		var context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return context;
	}

}
