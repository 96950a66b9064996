package io.cryptopipe.app.monitor;

import java.time.Instant;

/**
 * What the data directory holds, by part, and the free space beside it.
 *
 * @param brokerLogBytes      the Kafka log ({@code <data-dir>/kafka}) without its sparse index files
 * @param warehouseBytes      the DuckDB file and its write-ahead log
 * @param dbtArtifactsBytes   the scheduled runs' dbt artifacts ({@code <data-dir>/dbt})
 * @param otherBytes          everything else under the data directory (logs)
 * @param freeBytes           usable space on the data directory's file system
 * @param minFreeBytes        {@code --min-free-disk}; 0 when ingest never pauses for space
 * @param ingestPausedBecause why ingest is paused for space, or null
 * @param sizesAt             when the sizes were measured (free space is measured more often), or null before
 */
public record DiskUsage(long brokerLogBytes, long warehouseBytes, long dbtArtifactsBytes, long otherBytes,
                        long freeBytes, long minFreeBytes, String ingestPausedBecause, Instant sizesAt) {

    /** Before the first measurement. */
    public static DiskUsage unknown() {
        return new DiskUsage(0, 0, 0, 0, -1, 0, null, null);
    }

    public long dataDirBytes() {
        return brokerLogBytes + warehouseBytes + dbtArtifactsBytes + otherBytes;
    }

    public boolean measured() {
        return sizesAt != null;
    }
}
