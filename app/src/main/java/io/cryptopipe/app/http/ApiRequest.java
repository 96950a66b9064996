package io.cryptopipe.app.http;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What a route needs of an HTTP request.
 *
 * @param trusted the caller gave the password, or the pipeline has none; false only on the paths that answer
 *                without it ({@code /health}, the login page)
 */
public record ApiRequest(String method, URI uri, String body, boolean trusted) {
    /** A request of a trusted caller, as routes called directly (tests) see it. */
    public ApiRequest(String method, URI uri, String body) {
        this(method, uri, body, true);
    }

    public Optional<String> queryParameter(String name) {
        String query = uri.getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                return Optional.of(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }
}
