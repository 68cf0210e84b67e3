package dev.gatehouse.support;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Proves that Playwright drives Debian's Chromium here: no Spring context, just a JDK HTTP server. */
@ExtendWith(Browsers.class)
class BrowsersTests {

    private static final String PAGE = """
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Browsers smoke test</title></head>
            <body>
              <h1>Gatehouse</h1>
              <button id="knock" type="button"
                      onclick="this.textContent = 'Come in'; document.title = 'Knocked'">Knock</button>
            </body>
            </html>
            """;

    private HttpServer server;
    private String baseUrl;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void clickingTheButtonChangesItsText(Page page) {
        page.navigate(baseUrl + "/");
        var button = page.getByRole(AriaRole.BUTTON);
        assertThat(button).hasText("Knock");

        button.click();

        assertThat(button).hasText("Come in");
        assertThat(page).hasTitle("Knocked");

        Path shot = Browsers.screenshot(page, "BrowsersTests.clickingTheButtonChangesItsText");
        assertThat(shot).isRegularFile();
        assertThat(shot.toFile().length()).isPositive();
        assertThat(shot.getParent().getFileName()).hasToString("screenshots");
    }

    @Test
    void everyTestGetsAFreshPageInTheSharedBrowser(Page page) {
        assertThat(page.url()).isEqualTo("about:blank");
        assertThat(page.context().pages()).containsExactly(page);
        assertThat(page.context().browser().contexts()).hasSize(1);
    }

    @Test
    void screenshotIsAPng(Page page) throws IOException {
        page.navigate(baseUrl + "/");
        byte[] head = Files.readAllBytes(Browsers.screenshot(page, "BrowsersTests.screenshotIsAPng"));
        assertThat(head).startsWith(0x89, 'P', 'N', 'G');
    }
}
