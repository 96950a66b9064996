package io.cryptopipe.ingest.trade;

import java.util.Locale;
import java.util.Map;

/**
 * A market's base and quote assets under their common names, the same on every venue: Kraken's XBT is BTC and its
 * XDG is DOGE, so one line of metadata covers an asset everywhere.
 */
public record AssetPair(String base, String quote) {
    private static final Map<String, String> CANONICAL = Map.of("XBT", "BTC", "XDG", "DOGE");

    public AssetPair {
        base = canonical(base);
        quote = canonical(quote);
    }

    public static String canonical(String asset) {
        if (asset == null || asset.isBlank()) {
            throw new IllegalArgumentException("an asset must not be blank");
        }
        String upper = asset.strip().toUpperCase(Locale.ROOT);
        return CANONICAL.getOrDefault(upper, upper);
    }
}
