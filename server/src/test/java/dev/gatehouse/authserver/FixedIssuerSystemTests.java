package dev.gatehouse.authserver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "gatehouse.authserver.issuer=https://gatehouse.example.com")
class FixedIssuerSystemTests {

	@LocalServerPort
	int port;

	@Test
	void discoveryWhenIssuerIsConfiguredThenItIsUsedWhateverTheRequestHost() throws Exception {
		var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
				+ "/.well-known/oauth-authorization-server")).build(), HttpResponse.BodyHandlers.ofString());

		var document = JsonMapper.builder().build().readTree(response.body());
		assertThat(document.get("issuer").asString()).isEqualTo("https://gatehouse.example.com");
		assertThat(document.get("token_endpoint").asString()).isEqualTo("https://gatehouse.example.com/oauth2/token");
	}

}
