package io.cryptopipe.ingest.trade;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A market's base and quote assets under their common names, the same on every venue: Kraken's XBT is BTC and its
 * XDG is DOGE, so one line of metadata covers an asset everywhere.
 */
public record AssetPair(String base, String quote) {
    private static final Map<String, String> CANONICAL = Map.of("XBT", "BTC", "XDG", "DOGE");
    /** Longest first, so FDUSD wins over USD and TUSD over USD. */
    private static final List<String> QUOTE_SUFFIXES = List.of("FDUSD", "USDT", "USDC", "TUSD", "BUSD", "USDP", "DAI",
            "EUR", "TRY", "BRL", "GBP", "JPY", "USD", "BTC", "ETH", "BNB");
    static final String UNKNOWN_QUOTE = "UNKNOWN";

    public AssetPair {
        base = canonical(base);
        quote = canonical(quote);
    }

    /**
     * A symbol written without a separator (Binance's and Bybit's BTCUSDT) split at its longest known quote suffix;
     * quote {@value #UNKNOWN_QUOTE} when none fits.
     */
    public static AssetPair bySuffix(String symbol) {
        for (String quote : QUOTE_SUFFIXES) {
            if (symbol.length() > quote.length() && symbol.endsWith(quote)) {
                return new AssetPair(symbol.substring(0, symbol.length() - quote.length()), quote);
            }
        }
        return new AssetPair(symbol, UNKNOWN_QUOTE);
    }

    /** A symbol written BASE-QUOTE or BASE/QUOTE (Coinbase, OKX, Kraken). */
    public static AssetPair split(String symbol) {
        int separator = Math.max(symbol.indexOf('-'), symbol.indexOf('/'));
        if (separator <= 0 || separator == symbol.length() - 1) {
            throw new IllegalArgumentException("symbol '" + symbol + "' is not BASE-QUOTE or BASE/QUOTE");
        }
        return new AssetPair(symbol.substring(0, separator), symbol.substring(separator + 1));
    }

    public static String canonical(String asset) {
        if (asset == null || asset.isBlank()) {
            throw new IllegalArgumentException("an asset must not be blank");
        }
        String upper = asset.strip().toUpperCase(Locale.ROOT);
        return CANONICAL.getOrDefault(upper, upper);
    }
}
