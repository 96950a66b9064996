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
    private static final List<String> USD_QUOTES = List.of("FDUSD", "USDT", "USDC", "TUSD", "BUSD", "USD");

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

    /**
     * The assets of another venue's market, {@code coinbase:BTC-USD}: its symbol split at the venue's separator, or
     * at its quote suffix when it has none ({@code bybit:BTCUSDT}).
     *
     * @return empty when the symbol has no base and quote around a '-' or '/'
     */
    public static Optional<String[]> venueAssetsOf(String venueSymbol) {
        String symbol = venueSymbol.substring(venueSymbol.indexOf(':') + 1);
        int separator = Math.max(symbol.indexOf('-'), symbol.indexOf('/'));
        if (separator < 0) {
            // Bybit writes BTCUSDT, as Binance does.
            return quoteAssetOf(symbol).map(quote -> new String[] {symbol.substring(0, symbol.length() - quote.length()), quote});
        }
        if (separator == 0 || separator == symbol.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new String[] {symbol.substring(0, separator), symbol.substring(separator + 1)});
    }

    public static SymbolSpec of(String symbol) {
        if (symbol.indexOf(':') > 0) {
            String[] assets = venueAssetsOf(symbol).orElseThrow(
                    () -> new IllegalArgumentException("symbol " + symbol + " is not exchange:BASE-QUOTE"));
            return of(symbol, assets[0], assets[1]);
        }
        String quote = quoteAssetOf(symbol).orElseThrow(
                () -> new IllegalArgumentException("symbol " + symbol + " does not end with a known quote asset " + QUOTE_ASSETS));
        return of(symbol, symbol.substring(0, symbol.length() - quote.length()), quote);
    }

    private static SymbolSpec of(String symbol, String base, String quote) {
        Market market = USD_QUOTES.contains(quote)
                ? USD_MARKETS.getOrDefault(base, OTHER_FIAT_MARKET)
                : List.of("EUR", "TRY").contains(quote) ? OTHER_FIAT_MARKET : CRYPTO_QUOTED_MARKET;
        return new SymbolSpec(symbol, base, quote, EightDecimals.parse(market.openPrice()),
                EightDecimals.parse(market.tickSize()), EightDecimals.parse(market.lotSize()), market.maxLots());
    }
}
