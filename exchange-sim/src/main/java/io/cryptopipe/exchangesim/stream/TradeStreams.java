package io.cryptopipe.exchangesim.stream;

import java.util.Locale;
import java.util.Optional;

/** Binance spot trade stream names: {@code <symbol in lower case>@trade}. */
public final class TradeStreams {

    private static final String SUFFIX = "@trade";

    private TradeStreams() {
    }

    public static String of(String symbol) {
        return symbol.toLowerCase(Locale.ROOT) + SUFFIX;
    }

    /** The upper-case symbol a well-formed trade stream name carries; empty for anything else. */
    public static Optional<String> symbolOf(String stream) {
        if (stream == null || !stream.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        String symbol = stream.substring(0, stream.length() - SUFFIX.length());
        return symbol.matches("[a-z0-9]{2,20}") ? Optional.of(symbol.toUpperCase(Locale.ROOT)) : Optional.empty();
    }
}
