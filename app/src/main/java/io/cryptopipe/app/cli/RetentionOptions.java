package io.cryptopipe.app.cli;

import io.cryptopipe.app.runtime.RetentionSettings;
import picocli.CommandLine.Option;

import java.time.Duration;

/** {@code up}'s options bounding what it keeps on disk: raw rows, the broker's log, and the free space it needs. */
final class RetentionOptions {
    @Option(names = "--raw-retention", defaultValue = "7d", paramLabel = "DURATION",
            description = "Delete raw rows loaded longer ago than this once silver has read them (never one silver has not read), e.g. 90s, 10m, 12h, 7d; 0 keeps everything (default: ${DEFAULT-VALUE}).")
    String rawRetention;

    @Option(names = "--kafka-retention", defaultValue = "24h", paramLabel = "DURATION",
            description = "The broker deletes the trade and dead-letter topics' records older than this, e.g. 90s, 12h, 7d (default: ${DEFAULT-VALUE}).")
    String kafkaRetention;

    @Option(names = "--kafka-retention-bytes", defaultValue = "0", paramLabel = "SIZE",
            description = "And beyond this size per partition, e.g. 500MB or 2GB; 0 for no bound by size (default: ${DEFAULT-VALUE}).")
    String kafkaRetentionBytes;

    @Option(names = "--min-free-disk", defaultValue = "2GB", paramLabel = "SIZE",
            description = "Ingest pauses while the disk of the data dir has less free space than this, and resumes when it has it again (the pause is filled from the exchange's REST API); 0 never pauses (default: ${DEFAULT-VALUE}).")
    String minFreeDisk;

    /** The settings, or a one-line error naming the flag. */
    RetentionSettings settings() {
        Duration kafka = DurationOption.parse("--kafka-retention", kafkaRetention);
        if (kafka.isZero()) {
            throw new UserError("--kafka-retention must be longer than 0 (the sink reads the topic), e.g. 24h");
        }
        return new RetentionSettings(DurationOption.parse("--raw-retention", rawRetention), kafka,
                ByteSizeOption.parse("--kafka-retention-bytes", kafkaRetentionBytes),
                ByteSizeOption.parse("--min-free-disk", minFreeDisk));
    }
}
