package io.cryptopipe.app.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The web UI's files, served from {@code web/} inside the jar; {@code /} is {@code index.html}. */
public final class StaticAssets implements JsonRoute {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon");

    @Override
    public Object handle(ApiRequest request) {
        String path = request.uri().getPath();
        if (path.equals("/") || path.isEmpty()) {
            path = "/index.html";
        }
        if (path.contains("..")) {
            return notFound();
        }
        try (InputStream in = StaticAssets.class.getResourceAsStream("/web" + path)) {
            if (in == null) {
                return notFound();
            }
            String extension = path.substring(path.lastIndexOf('.') + 1);
            return new RawResponse(200, TYPES.getOrDefault(extension, "application/octet-stream"), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RawResponse notFound() {
        return new RawResponse(404, "text/plain; charset=utf-8", "not found".getBytes(StandardCharsets.UTF_8));
    }
}
