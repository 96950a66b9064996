package io.cryptopipe.exchangesim.market;

import java.math.BigDecimal;

/**
 * Decimals held as longs scaled by 10^8, the precision Binance quotes every spot price and quantity in. Longs keep
 * the random walk exact and cheap at 100k trades/s; strings are produced only at the edge.
 */
public final class EightDecimals {

    public static final long ONE = 100_000_000L;
    private static final int SCALE = 8;

    private EightDecimals() {
    }

    /** Formats like Binance: always eight decimals, "83034.29000000". */
    public static String format(long scaled) {
        if (scaled < 0) {
            throw new IllegalArgumentException("negative decimals never occur in trades, got scaled " + scaled);
        }
        String fraction = Long.toString(scaled % ONE);
        StringBuilder out = new StringBuilder(24).append(scaled / ONE).append('.');
        for (int pad = SCALE - fraction.length(); pad > 0; pad--) {
            out.append('0');
        }
        return out.append(fraction).toString();
    }

    public static BigDecimal toBigDecimal(long scaled) {
        return BigDecimal.valueOf(scaled, SCALE);
    }

    /** Parses an exact decimal with at most eight fraction digits, e.g. "0.01" into 1_000_000. */
    public static long parse(String decimal) {
        return new BigDecimal(decimal).setScale(SCALE).unscaledValue().longValueExact();
    }
}
