package io.cryptopipe.ingest.feed;

import java.time.Instant;

/** Wall-clock time in epoch microseconds, the unit of every time in the trades topic. */
@FunctionalInterface
public interface MicrosClock {
    MicrosClock SYSTEM = () -> {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    };

    long nowMicros();
}
