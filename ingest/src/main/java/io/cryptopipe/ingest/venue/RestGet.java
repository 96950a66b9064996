package io.cryptopipe.ingest.venue;

import io.cryptopipe.ingest.feed.Backoff;
import io.cryptopipe.ingest.gap.BackfillFailed;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A public REST GET for a venue's trade history: a few quick retries on network errors and 5xx, waits out 429's
 * {@code Retry-After}, and reports a refusal (other 4xx) at once, so that the gap ledger's schedule takes over.
 */
public final class RestGet {
    private static final Logger LOG = LoggerFactory.getLogger(RestGet.class);
    private static final int MAX_ATTEMPTS = 3;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private final HttpClient http;
    private final String venue;
    private final Backoff backoff;

    public RestGet(HttpClient http, String venue, Backoff backoff) {
        this.http = http;
        this.venue = venue;
        this.backoff = backoff;
    }

    /** The body of a 200 answer to {@code uri}; {@code what} names the request in errors. */
    public String body(URI uri, String what) throws BackfillFailed {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header("Accept", "application/json").GET().build();
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt == MAX_ATTEMPTS;
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                String problem = "cannot reach " + uri.getHost() + " (" + e.getClass().getSimpleName() + ")";
                if (last) {
                    throw new BackfillFailed(what + " failed: " + problem);
                }
                pause(backoff.delay(attempt), problem);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BackfillFailed("interrupted while fetching " + what);
            }
            int status = response.statusCode();
            if (status == 200) {
                return response.body();
            }
            if (status == 429) {
                Duration wait = response.headers().firstValue("Retry-After").map(String::trim)
                        .filter(v -> v.matches("\\d{1,9}")).map(v -> Duration.ofSeconds(Long.parseLong(v)))
                        .orElse(DEFAULT_RETRY_AFTER);
                if (last) {
                    throw new BackfillFailed(what + " failed: HTTP 429 (rate limited)", false, wait);
                }
                pause(wait, "HTTP 429 (rate limited)");
                continue;
            }
            String problem = "HTTP " + status + ": " + oneLine(response.body());
            if (status >= 400 && status < 500) {
                throw new BackfillFailed(what + " refused: " + problem, true, Duration.ZERO);
            }
            if (last) {
                throw new BackfillFailed(what + " failed: " + problem);
            }
            pause(backoff.delay(attempt), problem);
        }
    }

    /** {@code base} and {@code pathAndQuery} joined with exactly one '/', keeping any path the base has. */
    public static URI join(URI base, String pathAndQuery) {
        String text = base.toString();
        String trimmed = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        return URI.create(trimmed + (pathAndQuery.startsWith("/") ? pathAndQuery : "/" + pathAndQuery));
    }

    private void pause(Duration wait, String why) throws BackfillFailed {
        LOG.warn("{} REST: {}; waiting {} ms before trying again", venue, why, wait.toMillis());
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackfillFailed("interrupted while waiting: " + why);
        }
    }

    private static String oneLine(String body) {
        String line = body == null ? "" : body.lines().findFirst().orElse("");
        return line.isEmpty() ? "(empty)" : line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
