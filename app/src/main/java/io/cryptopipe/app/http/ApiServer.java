package io.cryptopipe.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cryptopipe.app.cli.UserError;
import io.cryptopipe.app.runtime.ServingSettings;
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
 * Each route is a {@link JsonRoute}; errors become {@code {"error": "..."}} with a fitting status. One filter stands
 * in front of every route: the {@link RequestGuard} decides who gets through, and every answer carries
 * {@link #SECURITY_HEADERS}.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    /**
     * The UI's assets are all local; its one inline style is lightweight-charts' attribution logo, allowed by its
     * hash. No other site may frame the UI, have a type sniffed, or embed our answers.
     */
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'; script-src 'self'; "
                    + "style-src 'self' 'sha256-3pRED1tOXas1FXFoPb9TGCjmYe9XQsmO9OV23khV2nY='; img-src 'self'; "
                    + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Cross-Origin-Resource-Policy", "same-origin");
    private static final String TRUSTED = "cryptopipe.trusted";

    private final HttpServer server;
    private final ExecutorService executor;
    private final RequestGuard guard;

    public ApiServer(InetSocketAddress address, Map<String, JsonRoute> routes, RequestGuard guard) {
        this.guard = guard;
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
        Filter access = new AccessFilter();
        routes.forEach((path, route) -> server.createContext(path, exchange -> handle(exchange, route)).getFilters().add(access));
        if (guard.requiresPassword()) {
            server.createContext(RequestGuard.LOGIN_PATH, this::login).getFilters().add(access);
        }
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
                boolean trusted = Boolean.TRUE.equals(exchange.getAttribute(TRUSTED));
                body = route.handle(new ApiRequest(exchange.getRequestMethod(), exchange.getRequestURI(), readBody(exchange), trusted));
                status = 200;
            } catch (ApiError e) {
                status = e.status();
                body = Map.of("error", e.getMessage());
            } catch (UserError e) {
                status = 400;
                body = Map.of("error", e.getMessage());
            } catch (RuntimeException e) {
                log.warn("HTTP {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                status = 500;
                body = Map.of("error", String.valueOf(e.getMessage()));
            }
            if (body instanceof RawResponse raw) {
                status = status == 200 ? raw.status() : status;
                send(exchange, status, raw.contentType(), raw.body());
            } else {
                send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
            }
        }
    }

    /** {@code POST /api/login} with {@code {"password": "..."}}: opens a browser session in an HttpOnly cookie. */
    private void login(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                sendJson(exchange, 405, Map.of("error", "use POST with {\"password\": \"...\"}"));
                return;
            }
            JsonNode body;
            try {
                body = JSON.readTree(readBody(exchange));
            } catch (IOException e) {
                body = null;
            }
            String candidate = body == null ? null : body.path("password").asText(null);
            if (guard.openSession(exchange.getRemoteAddress().getAddress(), candidate) instanceof RequestGuard.Refuse refusal) {
                refusal.headers().forEach(exchange.getResponseHeaders()::set);
                sendJson(exchange, refusal.status(), Map.of("error", refusal.reason()));
                return;
            }
            exchange.getResponseHeaders().set("Set-Cookie", RequestGuard.SESSION_COOKIE + "=" + guard.newSession()
                    + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + Sessions.LIFETIME.toSeconds());
            sendJson(exchange, 200, Map.of("user", ServingSettings.USER));
        }
    }

    /** Runs the {@link RequestGuard} before every route, and adds the security headers to every answer. */
    private final class AccessFilter extends Filter {
        @Override
        public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
            SECURITY_HEADERS.forEach(exchange.getResponseHeaders()::set);
            RequestGuard.Verdict verdict = guard.check(exchange.getRemoteAddress().getAddress(), exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), exchange.getRequestHeaders());
            if (verdict instanceof RequestGuard.Admit admit) {
                exchange.setAttribute(TRUSTED, admit.trusted());
                chain.doFilter(exchange);
                return;
            }
            RequestGuard.Refuse refusal = (RequestGuard.Refuse) verdict;
            try (exchange) {
                refusal.headers().forEach(exchange.getResponseHeaders()::set);
                sendJson(exchange, refusal.status(), Map.of("error", refusal.reason()));
            }
        }

        @Override
        public String description() {
            return "Host, Origin, content type and password checks";
        }
    }

    private static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
