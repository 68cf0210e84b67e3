package dev.gatehouse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;
import org.springframework.test.annotation.DirtiesContext;

/** A node started with the gateway role serves the platform API and nothing else, and schedules nothing. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "gatehouse.node.role=gateway")
@DirtiesContext
class GatewayNodeRoleSystemTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void gatewayNodeWhenAskedForPagesOrOAuthThen404AndPlatformApiAnswers() throws Exception {
		assertThat(get("/login").statusCode()).isEqualTo(404);
		assertThat(get("/oauth2/jwks").statusCode()).isEqualTo(404);
		assertThat(get("/marketplace").statusCode()).isEqualTo(404);
		assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
		var platform = get("/platform/v1/anything");
		assertThat(platform.statusCode()).isEqualTo(401);
		assertThat(platform.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"platform\"");
	}

	@Test
	void gatewayNodeWhenStartedThenNoScheduledWork() {
		assertThat(context.getBeanNamesForType(ScheduledAnnotationBeanPostProcessor.class)).isEmpty();
	}

	private HttpResponse<String> get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
