package io.cryptopipe.ingest.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptopipe.ingest.trade.AssetPair;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base and quote asset of each Binance symbol, as {@code /api/v3/exchangeInfo} lists them. A symbol it does not
 * list (exchangeInfo unreachable, a listing newer than the last load) is split at the longest known quote suffix,
 * so a trade is never held back for want of its assets. Thread-safe.
 */
public final class BinanceAssets {
    private static final Logger LOG = LoggerFactory.getLogger(BinanceAssets.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, AssetPair> bySymbol = new ConcurrentHashMap<>();
    private final ObjectMapper json = new ObjectMapper();

    public AssetPair of(String symbol) {
        return bySymbol.computeIfAbsent(symbol, AssetPair::bySuffix);
    }

    /** Learns every symbol exchangeInfo lists; on failure keeps the suffix rule and says so in the log. */
    public void load(HttpClient http, URI restBase) {
        URI uri = restBase.resolve("/api/v3/exchangeInfo");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                LOG.warn("Cannot read the assets of Binance symbols: {} answered HTTP {}; splitting symbols at their quote suffix",
                        uri, response.statusCode());
                return;
            }
            int learned = learn(json.readTree(response.body()));
            LOG.info("Assets of {} Binance symbols read from {}", learned, uri);
        } catch (IOException e) {
            LOG.warn("Cannot read the assets of Binance symbols from {} ({}); splitting symbols at their quote suffix", uri, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int learn(JsonNode exchangeInfo) {
        int learned = 0;
        for (JsonNode symbol : exchangeInfo.path("symbols")) {
            String name = symbol.path("symbol").asText("");
            String base = symbol.path("baseAsset").asText("");
            String quote = symbol.path("quoteAsset").asText("");
            if (!name.isEmpty() && !base.isBlank() && !quote.isBlank()) {
                bySymbol.put(name, new AssetPair(base, quote));
                learned++;
            }
        }
        return learned;
    }

}
