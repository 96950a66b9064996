package io.cryptopipe.ingest.trade;

import java.util.Locale;

/**
 * The trades topic's record key, which also names a stream of contiguous trades for the sequencer and the gap
 * ledger: {@code SYMBOL} for Binance (the key it always had), {@code exchange:SYMBOL} for every other venue.
 */
public final class StreamKey {
    public static final String BINANCE = "binance";

    private StreamKey() {
    }

    public static String of(String exchange, String symbol) {
        return BINANCE.equals(exchange) ? symbol : exchange + ":" + symbol;
    }

    /** The venue of a key: what precedes the first ':' (lower case), or binance when there is none. */
    public static String exchangeOf(String key) {
        int colon = key.indexOf(':');
        return colon < 0 ? BINANCE : key.substring(0, colon).toLowerCase(Locale.ROOT);
    }

    /** The symbol of a key as its venue writes it. */
    public static String symbolOf(String key) {
        int colon = key.indexOf(':');
        return colon < 0 ? key : key.substring(colon + 1);
    }
}
