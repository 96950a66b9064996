package io.cryptopipe.app.http;

import io.cryptopipe.app.cli.UserError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ApiServerTest {
    private ApiServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        server = new ApiServer(new InetSocketAddress("127.0.0.1", 0), Map.of(
                "/api/time", request -> Map.of("at", Instant.parse("2026-11-25T10:00:00Z")),
                "/api/bad", request -> {
                    throw new UserError("bad input: say what to fix");
                }), new RequestGuard(new HostNames("127.0.0.1", List.of()), Optional.empty()));
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(server.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void instantsAreWrittenAsIsoText() throws Exception {
        HttpResponse<String> response = get("/api/time");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"at\":\"2026-11-25T10:00:00Z\"}");
    }

    @Test
    void aUserErrorIsA400WithItsMessage() throws Exception {
        HttpResponse<String> response = get("/api/bad");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"error\":\"bad input: say what to fix\"}");
    }
}
