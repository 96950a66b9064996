package io.cryptopipe.app.ui;

import io.cryptopipe.app.http.ApiServer;
import io.cryptopipe.app.http.HostNames;
import io.cryptopipe.app.http.JsonRoute;
import io.cryptopipe.app.http.Password;
import io.cryptopipe.app.http.RequestGuard;
import io.cryptopipe.app.http.StaticAssets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * With a password set, a real headless Chromium is sent to the login page, logs in, and then uses the UI with its
 * session cookie (which its scripts cannot read); the Runs page's button still triggers a run through the access
 * checks. The UI's own data routes are stand-ins: the page under test is the login.
 */
class LoginPageBrowserIT {
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final String SECRET = "browser secret";
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);

    private final AtomicInteger triggers = new AtomicInteger();
    private ApiServer server;
    private DevToolsBrowser browser;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium not found at " + CHROMIUM + " (apt-get install chromium, or set CHROMIUM)");
        Map<String, JsonRoute> routes = new LinkedHashMap<>();
        routes.put("/api/runs", request -> {
            if ("POST".equals(request.method())) {
                triggers.incrementAndGet();
            }
            return Map.of("runs", List.of());
        });
        routes.put("/api/pipeline", request -> Map.of("stages", List.of(), "about", Map.of()));
        routes.put("/api/market", request -> switch (request.uri().getPath()) {
            case "/api/market/symbols" -> Map.of("symbols", List.of("BTCUSDT"));
            case "/api/market/candles" -> Map.of("symbol", "BTCUSDT", "source", "candles_1m", "candles", List.of(
                    Map.of("time", 1_765_000_000L, "open", 1.0, "high", 2.0, "low", 0.5, "close", 1.5, "volume", 3.0),
                    Map.of("time", 1_765_000_060L, "open", 1.5, "high", 2.5, "low", 1.0, "close", 2.0, "volume", 4.0)));
            default -> Map.of("symbol", "BTCUSDT", "trades", List.of());
        });
        routes.put("/", new StaticAssets());
        server = new ApiServer(new InetSocketAddress("127.0.0.1", 0), routes,
                new RequestGuard(new HostNames("127.0.0.1", List.of()), Optional.of(new Password("cryptopipe", SECRET))));
        server.start();
        browser = new DevToolsBrowser(CHROMIUM);
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void logIn(String page) throws InterruptedException {
        browser.navigate(server.uri() + "/#" + page);
        browser.awaitTrue("location.pathname === '/login.html' && document.readyState === 'complete'", PAGE_TIMEOUT);
        browser.evaluate("document.getElementById('password').value = '" + SECRET + "'; document.getElementById('login').requestSubmit()");
        browser.awaitTrue("location.pathname === '/'", PAGE_TIMEOUT);
    }

    @Test
    void theUiRunsUnderItsContentSecurityPolicyChartLogoStyleIncluded() throws Exception {
        browser.beforeEveryDocument("window.violations = [];"
                + " document.addEventListener('securitypolicyviolation', e => window.violations.push(e.violatedDirective + ' ' + e.blockedURI));");
        logIn("market");
        browser.awaitTrue("document.getElementById('candle-source').textContent.includes('2 one-minute candles')", PAGE_TIMEOUT);
        browser.awaitTrue("!!document.getElementById('tv-attr-logo')", PAGE_TIMEOUT);
        assertThat(browser.evaluate("getComputedStyle(document.getElementById('tv-attr-logo')).position").asText())
                .as("the chart's own inline style, allowed by its hash").isEqualTo("absolute");
        assertThat(browser.evaluate("JSON.stringify(window.violations)").asText()).isEqualTo("[]");
    }

    @Test
    void theBrowserLogsInOnTheLoginPageAndThenUsesTheUi() throws Exception {
        browser.navigate(server.uri() + "/#runs");
        // Complete, not just parsed: login.js must have attached its submit handler before the form is submitted.
        browser.awaitTrue("location.pathname === '/login.html' && document.readyState === 'complete'", PAGE_TIMEOUT);

        browser.evaluate("document.getElementById('password').value = 'wrong'; document.getElementById('login').requestSubmit()");
        browser.awaitTrue("document.getElementById('login-error').textContent.includes('wrong password')", PAGE_TIMEOUT);

        browser.evaluate("document.getElementById('password').value = '" + SECRET + "'; document.getElementById('login').requestSubmit()");
        browser.awaitTrue("location.pathname === '/' && !!document.getElementById('trigger')", PAGE_TIMEOUT);
        assertThat(browser.evaluate("document.cookie").asText()).as("the session cookie is HttpOnly").doesNotContain("cryptopipe_session");

        browser.evaluate("document.getElementById('trigger').click()");
        long deadline = System.nanoTime() + PAGE_TIMEOUT.toNanos();
        while (triggers.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(triggers).as("runs triggered by the Runs page's button").hasValue(1);
    }
}
