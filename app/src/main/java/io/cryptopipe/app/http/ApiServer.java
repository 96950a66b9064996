package io.cryptopipe.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cryptopipe.app.cli.UserError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The pipeline's HTTP side: a JSON API that the CLI and the UI talk to, and {@code /health}.
 * Each route is a {@link JsonRoute}; errors become {@code {"error": "..."}} with a fitting status.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final HttpServer server;
    private final ExecutorService executor;

    public ApiServer(InetSocketAddress address, Map<String, JsonRoute> routes) {
        try {
            server = HttpServer.create(address, 64);
        } catch (BindException e) {
            throw new UserError("HTTP port " + address.getPort() + " on " + address.getHostString()
                    + " is in use (another cryptopipe up?): stop it or pass --http-port");
        } catch (IOException e) {
            throw new UserError("cannot start the HTTP server on " + address + ": " + e.getMessage());
        }
        executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "http-api");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        routes.forEach((path, route) -> server.createContext(path, exchange -> handle(exchange, route)));
    }

    public void start() {
        server.start();
    }

    public URI uri() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getHostString() + ":" + address.getPort());
    }

    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }

    private static void handle(HttpExchange exchange, JsonRoute route) throws IOException {
        try (exchange) {
            int status;
            Object body;
            try {
                body = route.handle(new ApiRequest(exchange.getRequestMethod(), exchange.getRequestURI(), readBody(exchange)));
                status = 200;
            } catch (UserError e) {
                status = 400;
                body = Map.of("error", e.getMessage());
            } catch (RuntimeException e) {
                log.warn("HTTP {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                status = 500;
                body = Map.of("error", String.valueOf(e.getMessage()));
            }
            byte[] bytes;
            if (body instanceof RawResponse raw) {
                status = status == 200 ? raw.status() : status;
                bytes = raw.body();
                exchange.getResponseHeaders().set("Content-Type", raw.contentType());
            } else {
                bytes = JSON.writeValueAsBytes(body);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
            }
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static String readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
