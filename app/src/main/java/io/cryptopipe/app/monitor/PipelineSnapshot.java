package io.cryptopipe.app.monitor;

import java.time.Instant;
import java.util.Map;

/**
 * The pipeline's vital signs at one moment, as the UI, {@code /metrics}, {@code /health} and {@code status} show them.
 *
 * @param ingestCounters   the ingest service's running totals, by name (frames received, trades published, ...)
 * @param ingestState      CONNECTING, STREAMING, RETRYING, FAILED or STOPPED
 * @param ingestError      the feed's last problem in one line, or null
 * @param tradesPerSecond  trades published per second over the last sample interval
 * @param topicEndOffset   records ever written to the trade topic (sum over partitions)
 * @param dlqEndOffset     records ever written to the dead-letter topic
 * @param sinkLoaded       records the sink has committed to the warehouse (sum of its stored next offsets)
 * @param sinkLag          records in the topic not yet in the warehouse
 * @param loadedPerSecond  records committed to the warehouse per second over the last sample interval
 * @param lastLoadedAt     LoadedAt of the newest raw row, or null when the table is empty
 * @param disk             the data directory's sizes and free space, and whether ingest is paused for space
 * @param tradeToRaw       for the rows the sink wrote since the previous sample, the time from each trade's exchange
 *                         time to the sink writing it (its LoadedAt), in 10 ms buckets; no trades when none landed
 * @param feedStates       each streamed venue's connection state (as {@code ingestState}), by exchange
 */
public record PipelineSnapshot(Instant takenAt, Map<String, Long> ingestCounters, String ingestState, String ingestError,
                               double tradesPerSecond, long topicEndOffset, long dlqEndOffset, long sinkLoaded,
                               long sinkLag, double loadedPerSecond, Instant lastLoadedAt, String kafkaError,
                               DiskUsage disk, GoldLag.Percentiles tradeToRaw, Map<String, String> feedStates) {
    public PipelineSnapshot {
        ingestCounters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ingestCounters));
    }

    static PipelineSnapshot empty(Instant at) {
        return new PipelineSnapshot(at, Map.of(), "STARTING", null, 0, 0, 0, 0, 0, 0, null, null, DiskUsage.unknown(),
                GoldLag.Percentiles.none(), Map.of());
    }
}
