package io.cryptopipe.ingest.gap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptopipe.ingest.feed.Backoff;
import io.cryptopipe.ingest.feed.MicrosClock;
import io.cryptopipe.ingest.trade.EpochTimes;
import io.cryptopipe.ingest.trade.Trade;
import io.cryptopipe.ingest.trade.TradeSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v3/historicalTrades?symbol=&fromId=&limit=} (public, no API key; weight 25). Respects Binance's
 * rate limits: it waits for the next minute when {@code X-MBX-USED-WEIGHT-1M} nears the budget, and for
 * {@code Retry-After} on 429 (too many requests) and 418 (banned for ignoring 429s). Other failures are retried with
 * backoff a couple of times, then reported as {@link BackfillFailed} (a 4xx at once, as a refusal). Build its
 * {@link HttpClient} with {@link io.cryptopipe.ingest.binance.RestHttpClients#forBase}, which speaks HTTP/1.1 on
 * {@code http://}.
 */
public final class HistoricalTradesClient implements TradeHistorySource {
    private static final Logger LOG = LoggerFactory.getLogger(HistoricalTradesClient.class);
    public static final int WEIGHT_BUDGET_PER_MINUTE = 6000;
    public static final int REQUEST_WEIGHT = 25;
    private static final String USED_WEIGHT = "X-MBX-USED-WEIGHT-1M";
    /** Quick retries within one call; the ledger's schedule takes over after them. */
    private static final int MAX_ATTEMPTS = 3;
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final URI restBase;
    private final Backoff backoff;
    private final MicrosClock clock;
    private final ObjectMapper json = new ObjectMapper();

    public HistoricalTradesClient(HttpClient http, URI restBase, Backoff backoff, MicrosClock clock) {
        this.http = http;
        this.restBase = restBase;
        this.backoff = backoff;
        this.clock = clock;
    }

    @Override
    public List<Trade> fetch(String symbol, long fromId, int limit) throws BackfillFailed {
        String body = get("/api/v3/historicalTrades?symbol=" + symbol + "&fromId=" + fromId + "&limit=" + limit,
                "historicalTrades for " + symbol + " from id " + fromId);
        return parse(symbol, body);
    }

    /**
     * The id of {@code symbol}'s first trade at or after {@code epochMillis}, from {@code /api/v3/aggTrades}
     * (weight 4): an aggregate's {@code f} is the first trade id it covers. Empty when no trade is that recent.
     */
    public OptionalLong firstTradeIdAtOrAfter(String symbol, long epochMillis) throws BackfillFailed {
        String what = "aggTrades for " + symbol + " from " + Instant.ofEpochMilli(epochMillis);
        JsonNode first = firstElement(get("/api/v3/aggTrades?symbol=" + symbol + "&startTime=" + epochMillis + "&limit=1", what), what);
        return first == null ? OptionalLong.empty() : OptionalLong.of(first.path("f").asLong());
    }

    /** The id of {@code symbol}'s most recent trade, from {@code /api/v3/trades}; empty when it never traded. */
    public OptionalLong latestTradeId(String symbol) throws BackfillFailed {
        String what = "recent trades of " + symbol;
        JsonNode latest = firstElement(get("/api/v3/trades?symbol=" + symbol + "&limit=1", what), what);
        return latest == null ? OptionalLong.empty() : OptionalLong.of(latest.path("id").asLong());
    }

    private JsonNode firstElement(String body, String what) throws BackfillFailed {
        try {
            JsonNode array = json.readTree(body);
            if (array == null || !array.isArray()) {
                throw new BackfillFailed(what + " answered with something other than a JSON array");
            }
            return array.isEmpty() ? null : array.get(0);
        } catch (IOException e) {
            throw new BackfillFailed(what + ": the answer cannot be read: " + e.getMessage());
        }
    }

    /**
     * GETs {@code pathAndQuery}, waiting out rate limits and retrying other failures a few times; the body of a 200.
     * Beyond those few quick retries the caller retries on its own schedule (the gap ledger's), so a REST outage
     * delays a fill instead of cancelling it.
     */
    private String get(String pathAndQuery, String what) throws BackfillFailed {
        URI uri = restBase.resolve(pathAndQuery);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build();
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt == MAX_ATTEMPTS;
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                String problem = "cannot reach " + restBase + " (" + e.getClass().getSimpleName() + ")";
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
                respectWeight(response);
                return response.body();
            }
            if (status == 429 || status == 418) {
                Duration wait = retryAfter(response);
                String problem = "HTTP " + status + (status == 418 ? " (IP banned for ignoring rate limits)" : " (rate limited)");
                if (last) {
                    throw new BackfillFailed(what + " failed: " + problem, false, wait);
                }
                pause(wait, problem);
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

    private List<Trade> parse(String symbol, String body) throws BackfillFailed {
        long now = clock.nowMicros();
        try {
            JsonNode array = json.readTree(body);
            if (array == null || !array.isArray()) {
                throw new BackfillFailed("historicalTrades answered with something other than a JSON array");
            }
            List<Trade> trades = new ArrayList<>(array.size());
            for (JsonNode node : array) {
                long time = EpochTimes.toMicros(node.path("time").asLong(-1));
                if (time < 0 || !node.path("id").canConvertToLong()) {
                    throw new BackfillFailed("historicalTrades returned a trade without a valid id or time: " + node);
                }
                trades.add(new Trade("binance", symbol, node.get("id").asLong(), node.path("price").asText(),
                        node.path("qty").asText(), node.path("isBuyerMaker").asBoolean(), time, time, now,
                        TradeSource.BACKFILL));
            }
            return trades;
        } catch (IOException | IllegalArgumentException e) {
            throw new BackfillFailed("historicalTrades answer cannot be read: " + e.getMessage());
        }
    }

    /** Waits for the next minute window when one more request could exceed the weight budget. */
    private void respectWeight(HttpResponse<String> response) throws BackfillFailed {
        OptionalLong used = header(response, USED_WEIGHT);
        if (used.isPresent() && used.getAsLong() + REQUEST_WEIGHT > WEIGHT_BUDGET_PER_MINUTE * 9L / 10) {
            long millisIntoMinute = (clock.nowMicros() / 1000) % 60_000;
            pause(Duration.ofMillis(60_000 - millisIntoMinute), "request weight " + used.getAsLong() + " of "
                    + WEIGHT_BUDGET_PER_MINUTE + " used this minute");
        }
    }

    private static Duration retryAfter(HttpResponse<String> response) {
        OptionalLong seconds = header(response, "Retry-After");
        return seconds.isPresent() ? Duration.ofSeconds(seconds.getAsLong()) : DEFAULT_RETRY_AFTER;
    }

    private static OptionalLong header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).map(String::trim).filter(v -> v.matches("\\d{1,18}"))
                .map(v -> OptionalLong.of(Long.parseLong(v))).orElse(OptionalLong.empty());
    }

    private static void pause(Duration wait, String why) throws BackfillFailed {
        LOG.warn("Binance REST: {}; waiting {} ms before the next historicalTrades request", why, wait.toMillis());
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
