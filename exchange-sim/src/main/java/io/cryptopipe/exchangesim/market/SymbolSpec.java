package io.cryptopipe.exchangesim.market;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How one symbol trades: its assets, opening price, price tick, quantity lot and the largest trade in lots.
 * Well-known bases open near their real prices with Binance's real tick and lot sizes; others get plausible defaults.
 */
public record SymbolSpec(String symbol, String baseAsset, String quoteAsset, long openPrice, long tickSize,
                         long lotSize, long maxLots) {

    /** Longest first, so FDUSD wins over a shorter suffix. */
    public static final List<String> QUOTE_ASSETS =
            List.of("FDUSD", "USDT", "USDC", "TUSD", "BUSD", "EUR", "TRY", "BTC", "ETH", "BNB");
    private static final List<String> USD_QUOTES = List.of("FDUSD", "USDT", "USDC", "TUSD", "BUSD");

    private record Market(String openPrice, String tickSize, String lotSize, long maxLots) {
    }

    private static final Map<String, Market> USD_MARKETS = Map.of(
            "BTC", new Market("83000.00", "0.01", "0.00001", 100_000),
            "ETH", new Market("3000.00", "0.01", "0.0001", 100_000),
            "BNB", new Market("600.00", "0.01", "0.001", 10_000),
            "SOL", new Market("150.00", "0.01", "0.001", 100_000),
            "XRP", new Market("0.5000", "0.0001", "0.1", 100_000),
            "ADA", new Market("0.4500", "0.0001", "0.1", 100_000),
            "DOGE", new Market("0.15000", "0.00001", "1", 100_000));
    private static final Market OTHER_FIAT_MARKET = new Market("100.00", "0.01", "0.001", 100_000);
    private static final Market CRYPTO_QUOTED_MARKET = new Market("0.050000", "0.000001", "0.01", 100_000);

    public SymbolSpec {
        if (openPrice <= 0 || tickSize <= 0 || lotSize <= 0 || maxLots < 1) {
            throw new IllegalArgumentException("symbol " + symbol + " needs positive price, tick, lot and maxLots");
        }
    }

    public static Optional<String> quoteAssetOf(String symbol) {
        return QUOTE_ASSETS.stream().filter(q -> symbol.length() > q.length() && symbol.endsWith(q)).findFirst();
    }

    public static SymbolSpec of(String symbol) {
        String quote = quoteAssetOf(symbol).orElseThrow(
                () -> new IllegalArgumentException("symbol " + symbol + " does not end with a known quote asset " + QUOTE_ASSETS));
        String base = symbol.substring(0, symbol.length() - quote.length());
        Market market = USD_QUOTES.contains(quote)
                ? USD_MARKETS.getOrDefault(base, OTHER_FIAT_MARKET)
                : List.of("EUR", "TRY").contains(quote) ? OTHER_FIAT_MARKET : CRYPTO_QUOTED_MARKET;
        return new SymbolSpec(symbol, base, quote, EightDecimals.parse(market.openPrice()),
                EightDecimals.parse(market.tickSize()), EightDecimals.parse(market.lotSize()), market.maxLots());
    }
}
