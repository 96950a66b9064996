package io.cryptopipe.app.http;

import io.cryptopipe.app.cli.UserError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ApiServerTest {
    private static final String SECRET = "s3cret pass";

    private ApiServer server;
    private final AtomicInteger runs = new AtomicInteger();
    private final HttpClient client = HttpClient.newHttpClient();

    private void start(Optional<Password> password) {
        server = new ApiServer(new InetSocketAddress("127.0.0.1", 0), Map.of(
                "/api/time", request -> Map.of("at", Instant.parse("2026-11-25T10:00:00Z")),
                "/api/bad", request -> {
                    throw new UserError("bad input: say what to fix");
                },
                "/api/busy", request -> {
                    throw new ApiError(429, "at most 3 queries run at once");
                },
                "/api/run", request -> Map.of("runs", runs.incrementAndGet(), "trusted", request.trusted()),
                "/health", request -> Map.of("trusted", request.trusted())),
                new RequestGuard(new HostNames("127.0.0.1", List.of()), password));
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(server.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private RawHttp.Response raw(String method, String path, Map<String, String> headers, String body) throws Exception {
        return RawHttp.send(server.uri(), method, path, headers, body);
    }

    private Map<String, String> ownHost(String... pairs) {
        Map<String, String> headers = new LinkedHashMap<>(RawHttp.ownHost(server.uri()));
        for (int i = 0; i < pairs.length; i += 2) {
            headers.put(pairs[i], pairs[i + 1]);
        }
        return headers;
    }

    @Test
    void instantsAreWrittenAsIsoText() throws Exception {
        start(Optional.empty());
        HttpResponse<String> response = get("/api/time");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"at\":\"2026-11-25T10:00:00Z\"}");
    }

    @Test
    void aUserErrorIsA400WithItsMessage() throws Exception {
        start(Optional.empty());
        HttpResponse<String> response = get("/api/bad");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"error\":\"bad input: say what to fix\"}");
    }

    @Test
    void anApiErrorKeepsItsStatus() throws Exception {
        start(Optional.empty());
        HttpResponse<String> response = get("/api/busy");
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.body()).contains("at most 3 queries");
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersRefusalsToo() throws Exception {
        start(Optional.empty());
        for (RawHttp.Response response : List.of(raw("GET", "/api/time", ownHost(), null),
                raw("GET", "/api/bad", ownHost(), null), raw("GET", "/api/time", Map.of("Host", "evil.example"), null))) {
            assertThat(response.headers()).containsEntry("x-content-type-options", "nosniff")
                    .containsEntry("x-frame-options", "DENY").containsEntry("referrer-policy", "no-referrer");
            assertThat(response.headers().get("content-security-policy")).contains("default-src 'self'", "frame-ancestors 'none'");
        }
    }

    @Test
    void aRebindingHostIsRefusedWith403AndTheRouteNeverRuns() throws Exception {
        start(Optional.empty());
        RawHttp.Response response = raw("GET", "/api/run", Map.of("Host", "evil.example:" + server.uri().getPort()), null);
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).contains("evil.example", "--allowed-host");
        assertThat(runs).hasValue(0);
        assertThat(raw("GET", "/api/run", ownHost(), null).status()).as("the same request to our own name").isEqualTo(200);
        assertThat(runs).hasValue(1);
    }

    @Test
    void aCrossOriginTextPlainPostIsRefusedAndTheRouteNeverRuns() throws Exception {
        start(Optional.empty());
        RawHttp.Response plain = raw("POST", "/api/run", ownHost("Origin", "http://evil.example", "Content-Type", "text/plain"), "{}");
        RawHttp.Response json = raw("POST", "/api/run", ownHost("Origin", "http://evil.example", "Content-Type", "application/json"), "{}");
        assertThat(plain.status()).isEqualTo(403);
        assertThat(json.status()).isEqualTo(403);
        assertThat(json.body()).contains("http://evil.example");
        assertThat(raw("POST", "/api/run", ownHost("Content-Type", "text/plain"), "{}").status()).isEqualTo(415);
        assertThat(runs).hasValue(0);
        assertThat(raw("POST", "/api/run", ownHost("Origin", "http://" + RawHttp.ownHost(server.uri()).get("Host"),
                "Content-Type", "application/json"), "{}").status()).as("the same request from our own page").isEqualTo(200);
        assertThat(runs).hasValue(1);
    }

    @Test
    void withAPasswordARequestWithoutItGets401WithABasicChallengeAndTheRouteNeverRuns() throws Exception {
        start(Optional.of(new Password("cryptopipe", SECRET)));
        HttpResponse<String> response = get("/api/run");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"cryptopipe\", charset=\"UTF-8\"");
        assertThat(runs).hasValue(0);
        HttpResponse<String> authorized = client.send(HttpRequest.newBuilder(server.uri().resolve("/api/run"))
                .header("Authorization", Password.basicHeader("cryptopipe", SECRET)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(authorized.statusCode()).isEqualTo(200);
        assertThat(authorized.body()).contains("\"trusted\":true");
    }

    @Test
    void withAPasswordHealthAnswersButUntrusted() throws Exception {
        start(Optional.of(new Password("cryptopipe", SECRET)));
        HttpResponse<String> response = get("/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"trusted\":false}");
    }

    @Test
    void theLoginPageOpensAnHttpOnlyStrictSessionCookieThatOpensTheApi() throws Exception {
        start(Optional.of(new Password("cryptopipe", SECRET)));
        assertThat(raw("POST", "/api/login", ownHost("Content-Type", "application/json"), "{\"password\":\"wrong\"}").status())
                .isEqualTo(401);
        RawHttp.Response login = raw("POST", "/api/login", ownHost("Content-Type", "application/json",
                "Origin", "http://" + RawHttp.ownHost(server.uri()).get("Host")), "{\"password\":\"" + SECRET + "\"}");
        assertThat(login.status()).isEqualTo(200);
        String cookie = login.headers().get("set-cookie");
        assertThat(cookie).startsWith("cryptopipe_session=").contains("HttpOnly", "SameSite=Strict", "Path=/");
        RawHttp.Response withSession = raw("GET", "/api/run", ownHost("Cookie", cookie.split(";")[0]), null);
        assertThat(withSession.status()).isEqualTo(200);
        assertThat(runs).hasValue(1);
    }

    @Test
    void withoutAPasswordThereIsNoLoginEndpoint() throws Exception {
        start(Optional.empty());
        // A GET: the server answers an unknown path without reading a body, which would reset the connection.
        assertThat(raw("GET", "/api/login", ownHost(), null).status()).isEqualTo(404);
    }
}
