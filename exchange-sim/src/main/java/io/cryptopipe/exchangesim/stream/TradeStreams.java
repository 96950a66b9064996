package io.cryptopipe.exchangesim.stream;

import java.util.Locale;

/**
 * Binance spot trade stream names: {@code <symbol in lower case>@trade}. Another venue's market
 * ({@code coinbase:BTC-USD}) is its own stream name.
 */
public final class TradeStreams {

    private static final String SUFFIX = "@trade";

    private TradeStreams() {
    }

    public static String of(String symbol) {
        if (VenueSymbols.isVenueSymbol(symbol)) {
            return symbol;
        }
        return symbol.toLowerCase(Locale.ROOT) + SUFFIX;
    }
}
