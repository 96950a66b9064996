package io.cryptopipe.app.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 proxy in front of an exchange's REST API that refuses every request with 403 while {@code refusing}
 * is set, as a misconfigured or overloaded proxy or edge does, and forwards requests otherwise.
 */
final class RefusingRestProxy implements AutoCloseable {
    private static final List<String> FORWARDED_HEADERS = List.of("X-MBX-USED-WEIGHT-1M", "Retry-After", "Content-Type");

    private final HttpServer server;
    private final URI upstream;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile boolean refusing;

    RefusingRestProxy(URI upstream) throws IOException {
        this.upstream = upstream;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void refuse(boolean on) {
        refusing = on;
    }

    int refusedRequests() {
        return refused.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (refusing) {
                refused.incrementAndGet();
                reply(exchange, 403, "{\"code\":-1,\"msg\":\"Forbidden by proxy\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            HttpResponse<byte[]> answer;
            try {
                answer = http.send(HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI().toString()))
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reply(exchange, 502, new byte[0]);
                return;
            }
            for (String name : FORWARDED_HEADERS) {
                answer.headers().firstValue(name).ifPresent(value -> exchange.getResponseHeaders().set(name, value));
            }
            reply(exchange, answer.statusCode(), answer.body());
        }
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
