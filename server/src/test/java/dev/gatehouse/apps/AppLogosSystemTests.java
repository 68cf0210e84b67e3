package dev.gatehouse.apps;

import dev.gatehouse.apps.internal.logo.LogoRejectedException;
import dev.gatehouse.identity.UserAccount;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AppLogosSystemTests {

	@LocalServerPort
	int port;

	@Autowired
	org.springframework.context.ApplicationContext context;

	@Autowired
	AppRegistry registry;

	@Autowired
	AppLogos logos;

	UserAccount developer;

	App app;

	@BeforeEach
	void app() {
		var fixture = dev.gatehouse.support.AppFixtures.draftApp(context);
		developer = fixture.developer();
		app = fixture.app();
	}

	@Test
	void uploadWhenPngFitsThePackThenStoredServedPubliclyAndTheAppCanBeSubmitted() throws Exception {
		String sha = logos.upload(app.id(), developer.id(), TestApps.logoPng(512), "logo.png", "image/png");

		assertThat(registry.draftRevision(registry.require(app.id())).orElseThrow().logoSha256()).isEqualTo(sha);
		var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
				+ "/apps/" + app.id() + "/logo/" + sha + ".png")).build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
		assertThat(ImageIO.read(new java.io.ByteArrayInputStream(response.body())).getWidth()).isEqualTo(512);
		registry.submit(app.id(), developer.id());
		assertThat(registry.require(app.id()).status()).isEqualTo(AppStatus.SUBMITTED);
	}

	@Test
	void uploadWhenSvgOrTooSmallThenRefusedAndNothingAttached() throws Exception {
		byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8);

		assertThatThrownBy(() -> logos.upload(app.id(), developer.id(), svg, "logo.png", "image/png"))
			.isInstanceOf(LogoRejectedException.class);
		assertThatThrownBy(() -> logos.upload(app.id(), developer.id(), TestApps.logoPng(64), "logo.png", "image/png"))
			.isInstanceOf(LogoRejectedException.class).hasMessageContaining("64");
		assertThat(registry.draftRevision(registry.require(app.id())).orElseThrow().logoSha256()).isNull();
	}

}
