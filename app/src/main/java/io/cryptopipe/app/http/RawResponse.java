package io.cryptopipe.app.http;

import java.nio.charset.StandardCharsets;

/** A route's answer that is not JSON: static assets and the Prometheus exposition text. */
public record RawResponse(int status, String contentType, byte[] body) {
    public static RawResponse text(String contentType, String body) {
        return new RawResponse(200, contentType, body.getBytes(StandardCharsets.UTF_8));
    }
}
