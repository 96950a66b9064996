package io.cryptopipe.exchangesim.stream;

import java.util.Locale;

/** Binance spot trade stream names: {@code <symbol in lower case>@trade}. */
public final class TradeStreams {

    private static final String SUFFIX = "@trade";

    private TradeStreams() {
    }

    public static String of(String symbol) {
        return symbol.toLowerCase(Locale.ROOT) + SUFFIX;
    }
}
