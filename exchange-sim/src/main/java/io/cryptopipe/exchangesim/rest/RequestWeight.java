package io.cryptopipe.exchangesim.rest;

import java.util.function.LongSupplier;

/** Request weight used in the current UTC minute, as Binance reports it in {@code X-MBX-USED-WEIGHT-1M}. */
final class RequestWeight {

    private final LongSupplier wallMillis;
    private long minute = -1;
    private long used;

    RequestWeight(LongSupplier wallMillis) {
        this.wallMillis = wallMillis;
    }

    /** Adds one request's weight and returns the minute's total. */
    synchronized long add(int weight) {
        long now = wallMillis.getAsLong() / 60_000;
        if (now != minute) {
            minute = now;
            used = 0;
        }
        used += weight;
        return used;
    }
}
