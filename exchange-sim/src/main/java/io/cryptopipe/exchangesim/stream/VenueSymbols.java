package io.cryptopipe.exchangesim.stream;

/**
 * The simulator names a venue's market {@code exchange:SYMBOL} (its Binance markets have no prefix): that name is
 * its book, its history and its stream here.
 */
public final class VenueSymbols {

    private VenueSymbols() {
    }

    public static boolean isVenueSymbol(String symbol) {
        return symbol.indexOf(':') > 0;
    }

    public static String exchangeOf(String symbol) {
        return symbol.substring(0, symbol.indexOf(':'));
    }

    /** The symbol as the venue writes it. */
    public static String venueSymbolOf(String symbol) {
        return symbol.substring(symbol.indexOf(':') + 1);
    }
}
