package io.cryptopipe.ingest.trade;

/** Binance stamps times in epoch milliseconds (13 digits) or, on request, microseconds (16 digits). */
public final class EpochTimes {
    /** Epoch milliseconds stay below this until the year 5138; epoch microseconds passed it in 1973. */
    private static final long SMALLEST_MICROS = 100_000_000_000_000L;
    private static final long LARGEST_MICROS = 99_999_999_999_999_999L;

    private EpochTimes() {
    }

    /** {@code epochTime} in microseconds, or -1 when it is neither a plausible ms nor µs time. */
    public static long toMicros(long epochTime) {
        if (epochTime <= 0 || epochTime > LARGEST_MICROS) {
            return -1;
        }
        return epochTime < SMALLEST_MICROS ? epochTime * 1000 : epochTime;
    }
}
