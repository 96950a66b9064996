package io.cryptopipe.ingest.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Resolves {@code all} or {@code all:<QUOTE>} (e.g. {@code all:USDT}) to the symbols {@code /api/v3/exchangeInfo}
 * lists with status {@code TRADING}, in the exchange's order.
 */
public final class SymbolDiscovery {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public SymbolDiscovery(HttpClient http) {
        this.http = http;
    }

    /** True for {@code all} and {@code all:<QUOTE>}, any case. */
    public static boolean isSelector(String symbols) {
        String value = symbols.strip().toLowerCase(Locale.ROOT);
        return value.equals("all") || value.startsWith("all:");
    }

    /** @throws IllegalStateException with a one-line cause when the exchange cannot be asked or lists nothing */
    public List<String> resolve(URI restBase, String selector) {
        String value = selector.strip();
        Optional<String> quote = value.length() > 4 ? Optional.of(value.substring(4).toUpperCase(Locale.ROOT)) : Optional.empty();
        URI uri = restBase.resolve("/api/v3/exchangeInfo");
        JsonNode info;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("cannot list symbols: " + uri + " answered HTTP " + response.statusCode());
            }
            info = json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot list symbols from " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing symbols from " + uri, e);
        }
        List<String> symbols = new ArrayList<>();
        for (JsonNode symbol : info.path("symbols")) {
            boolean trading = "TRADING".equals(symbol.path("status").asText());
            boolean quoted = quote.isEmpty() || quote.get().equals(symbol.path("quoteAsset").asText());
            if (trading && quoted) {
                symbols.add(symbol.path("symbol").asText());
            }
        }
        if (symbols.isEmpty()) {
            throw new IllegalStateException("no symbol is TRADING" + quote.map(q -> " with quote asset " + q).orElse("")
                    + " at " + uri);
        }
        return symbols;
    }
}
