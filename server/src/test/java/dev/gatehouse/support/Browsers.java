package dev.gatehouse.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Headless browser tests against Debian's {@code /usr/bin/chromium} (installed by {@code .ci/run}).
 *
 * <p>Playwright cannot download its own browser builds on our machines, so it is always pointed at the
 * system Chromium and told not to download anything. One {@link Playwright} and one {@link Browser} are
 * shared by the whole test JVM (closed when JUnit finishes); every test gets its own {@link BrowserContext}
 * (fresh cookies and storage) and {@link Page}, closed after the test.
 *
 * <pre>{@code
 * @ExtendWith(Browsers.class)
 * class LoginPageTests {
 *     @Test
 *     void showsTheForm(Page page) {
 *         page.navigate("http://127.0.0.1:" + port + "/login");
 *         ...
 *     }
 * }
 * }</pre>
 *
 * Parameters of type {@link Page}, {@link BrowserContext} and {@link Browser} are resolved for test methods
 * and their {@code @BeforeEach}/{@code @AfterEach} methods (the same page within one test). When a test fails,
 * a screenshot of its page is written to {@link #screenshotsDir()}.
 *
 * <p>Playwright objects are not thread-safe: don't use this with parallel test execution.
 */
public final class Browsers implements ParameterResolver, AfterTestExecutionCallback {

    /** Debian's Chromium launcher; override with {@code -Dgatehouse.chromium=/path}. */
    public static final Path CHROMIUM = Paths.get(System.getProperty("gatehouse.chromium", "/usr/bin/chromium"));

    /** Flags for a quiet, offline, root-friendly headless Chromium (Playwright adds its own defaults too). */
    public static final List<String> CHROMIUM_ARGS = List.of(
            "--no-sandbox",                      // we run as root in CI; the sandbox refuses to start as root
            "--disable-dev-shm-usage",
            "--disable-background-networking",  // no calls home: the machines reach no hosts but package registries
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check");

    /** Default timeout for actions and assertions; Playwright's 30 s only makes failures slow. */
    public static final double DEFAULT_TIMEOUT_MS = 10_000;

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Browsers.class);

    /** Launch options for {@link #CHROMIUM}; usable without the extension, e.g. from a {@code main}. */
    public static BrowserType.LaunchOptions launchOptions() {
        return new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(CHROMIUM_ARGS);
    }

    /**
     * Creates Playwright with browser downloads switched off. The Java driver reads only the
     * {@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD} environment variable (there is no system property); surefire sets it,
     * and passing it here as well keeps IDE runs from trying to download browsers.
     */
    public static Playwright createPlaywright() {
        return Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    /** {@code target/screenshots} of the module under test (set by surefire), created if missing. */
    public static Path screenshotsDir() {
        Path dir = Paths.get(System.getProperty("gatehouse.screenshots.dir", "target/screenshots"));
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Full-page screenshot to {@code screenshotsDir()/name.png}; returns the file. */
    public static Path screenshot(Page page, String name) {
        Path file = screenshotsDir().resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == Browser.class) {
            return true;
        }
        return (type == Page.class || type == BrowserContext.class) && context.getTestMethod().isPresent();
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == Browser.class) {
            return shared(context).browser;
        }
        PerTest perTest = perTest(context);
        return type == Page.class ? perTest.page : perTest.context;
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        PerTest perTest = context.getStore(NAMESPACE).get(PerTest.class, PerTest.class);
        if (perTest != null && context.getExecutionException().isPresent() && !perTest.page.isClosed()) {
            String name = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName()
                    + "-FAILED";
            try {
                Path file = screenshot(perTest.page, name);
                System.err.println("[Browsers] screenshot of the failed test: " + file.toAbsolutePath());
            } catch (RuntimeException e) {
                System.err.println("[Browsers] could not take a screenshot of the failed test: " + e);
            }
        }
    }

    private static Shared shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(Shared.class, key -> Shared.start(), Shared.class);
    }

    private static PerTest perTest(ExtensionContext context) {
        // The method-level store is closed (AutoCloseable) when the test, including @AfterEach, is done.
        return context.getStore(NAMESPACE).computeIfAbsent(PerTest.class, key -> new PerTest(shared(context).browser),
                PerTest.class);
    }

    /** One Playwright driver and one Chromium for the JVM. */
    private static final class Shared implements AutoCloseable {

        final Playwright playwright;
        final Browser browser;

        private Shared(Playwright playwright, Browser browser) {
            this.playwright = playwright;
            this.browser = browser;
        }

        static Shared start() {
            if (!Files.isExecutable(CHROMIUM)) {
                throw new IllegalStateException("No Chromium at " + CHROMIUM + ". Install Debian's package "
                        + "(apt-get install chromium, as .ci/run does) or point -Dgatehouse.chromium at one.");
            }
            Playwright playwright = createPlaywright();
            try {
                Browser browser = playwright.chromium().launch(launchOptions());
                System.out.println("[Browsers] Chromium " + browser.version() + " from " + CHROMIUM);
                return new Shared(playwright, browser);
            } catch (RuntimeException e) {
                playwright.close();
                throw e;
            }
        }

        @Override
        public void close() {
            try {
                browser.close();
            } finally {
                playwright.close();
            }
        }
    }

    /** A fresh context and page for one test. */
    private static final class PerTest implements AutoCloseable {

        final BrowserContext context;
        final Page page;

        PerTest(Browser browser) {
            this.context = browser.newContext();
            this.context.setDefaultTimeout(DEFAULT_TIMEOUT_MS);
            this.page = context.newPage();
        }

        @Override
        public void close() {
            context.close();
        }
    }
}
