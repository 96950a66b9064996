package io.cryptopipe.app.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * How much history {@code up} keeps on its disk and how much free space it insists on.
 *
 * @param raw          raw rows loaded longer ago than this, and read by silver, are deleted; zero keeps them all
 * @param kafka        the broker deletes log segments older than this from the trade topic and its dead-letter topic
 * @param kafkaBytes   and beyond this many bytes per partition; zero for no bound by size
 * @param minFreeDisk  below this many free bytes under the data directory ingest pauses until space returns; zero
 *                     never pauses
 */
public record RetentionSettings(Duration raw, Duration kafka, long kafkaBytes, long minFreeDisk) {
    public static final Duration DEFAULT_RAW = Duration.ofDays(7);
    public static final Duration DEFAULT_KAFKA = Duration.ofHours(24);
    public static final long DEFAULT_MIN_FREE_DISK = 2_000_000_000L;

    public RetentionSettings {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(kafka, "kafka");
        if (raw.isNegative() || kafka.isNegative() || kafkaBytes < 0 || minFreeDisk < 0) {
            throw new IllegalArgumentException("retention settings must not be negative");
        }
        if (kafka.isZero()) {
            throw new IllegalArgumentException("Kafka retention must be longer than zero");
        }
    }

    public static RetentionSettings defaults() {
        return new RetentionSettings(DEFAULT_RAW, DEFAULT_KAFKA, 0, DEFAULT_MIN_FREE_DISK);
    }

    public boolean prunesRaw() {
        return !raw.isZero();
    }
}
