package io.cryptopipe.app.connect;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Registration against a stand-in for Connect's REST API that answers as a rejoining worker does. */
class ConnectorRegistrarTest {
    private static final String CONFLICT = "{\"error_code\":409,\"message\":\"Cannot complete request momentarily due to"
            + " no known leader URL, likely because a rebalance was underway.\"}";

    private HttpServer server;
    private final AtomicInteger puts = new AtomicInteger();

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void retriesWhileTheWorkerIsRebalancingOrTimesOut() {
        URI uri = workerAnswering(409, 500, 409, 201);

        new ConnectorRegistrar(uri).register("sink", Map.of("tasks.max", "1"), Duration.ofSeconds(30));

        assertThat(puts).hasValue(4);
    }

    @Test
    void aRefusedConfigFailsAtOnceWithTheWorkersReason() {
        URI uri = workerAnswering(400, 201);

        assertThatThrownBy(() -> new ConnectorRegistrar(uri).register("sink", Map.of(), Duration.ofSeconds(30)))
                .hasMessageContaining("HTTP 400");
        assertThat(puts).hasValue(1);
    }

    @Test
    void givesUpWithTheLastAnswerOnceItsPatienceIsSpent() {
        URI uri = workerAnswering(409, 409, 409, 409, 409, 409, 409, 409);

        assertThatThrownBy(() -> new ConnectorRegistrar(uri).register("sink", Map.of(), Duration.ofMillis(600)))
                .hasMessageContaining("HTTP 409").hasMessageContaining("rebalance was underway")
                .hasMessageContaining("retries");
    }

    /** A worker whose PUT /connectors/sink/config answers these statuses in turn (the last one from then on). */
    private URI workerAnswering(Integer... statuses) {
        Deque<Integer> answers = new ArrayDeque<>(List.of(statuses));
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/connectors/sink/config", exchange -> {
            puts.incrementAndGet();
            int status = answers.size() > 1 ? answers.poll() : answers.peek();
            byte[] body = (status == 409 ? CONFLICT : "{\"error_code\":" + status + ",\"message\":\"answer\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }
}
