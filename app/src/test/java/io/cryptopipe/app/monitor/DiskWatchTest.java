package io.cryptopipe.app.monitor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The disk guard pauses ingest below the minimum free space and resumes it once there is room; sizes by part. */
class DiskWatchTest {
    @TempDir
    Path dataDir;

    private final List<String> events = new ArrayList<>();

    @Test
    void aMinimumAboveTheRealFreeSpacePausesIngestSayingWhy() {
        DiskWatch watch = new DiskWatch(dataDir, Long.MAX_VALUE / 2, reason -> events.add("pause: " + reason),
                () -> events.add("resume"), Clock.systemUTC());
        watch.check();
        watch.check();

        assertThat(events).hasSize(1);
        assertThat(events.get(0)).startsWith("pause: only ").contains("less than --min-free-disk", dataDir.toString());
        assertThat(watch.latest().ingestPausedBecause()).isEqualTo(events.get(0).substring("pause: ".length()));
        assertThat(watch.latest().freeBytes()).isPositive();
    }

    @Test
    void ingestResumesByItselfOnceThereIsALittleMoreThanTheMinimum() {
        AtomicLong free = new AtomicLong(500);
        DiskWatch watch = new DiskWatch(dataDir, 1_000, free::get, reason -> events.add("pause"),
                () -> events.add("resume"), Clock.systemUTC());
        watch.check();
        free.set(1_010); // above the minimum, within the margin: still paused
        watch.check();
        free.set(2_000);
        watch.check();
        watch.check();

        assertThat(events).containsExactly("pause", "resume");
        assertThat(watch.latest().ingestPausedBecause()).isNull();
    }

    @Test
    void zeroNeverPauses() {
        DiskWatch watch = new DiskWatch(dataDir, 0, () -> 0, reason -> events.add("pause"), () -> events.add("resume"),
                Clock.systemUTC());
        watch.check();
        assertThat(events).isEmpty();
    }

    @Test
    void measuresTheBrokerLogTheWarehouseTheArtifactsAndTheRestApart() throws Exception {
        write(dataDir.resolve("kafka/stock_trades-0/00000000000000000000.log"), 1_000);
        write(dataDir.resolve("kafka/meta.properties"), 24);
        write(dataDir.resolve("kafka/stock_trades-0/00000000000000000000.index"), 10_000); // preallocated, sparse
        write(dataDir.resolve("streaming_db.duckdb"), 500);
        write(dataDir.resolve("streaming_db.duckdb.wal"), 50);
        write(dataDir.resolve("dbt/run_results.json"), 100);
        write(dataDir.resolve("logs/cryptopipe.log"), 7);
        DiskWatch watch = new DiskWatch(dataDir, 0, () -> 123, reason -> { }, () -> { }, Clock.systemUTC());
        watch.check();

        DiskUsage usage = watch.latest();
        assertThat(usage.brokerLogBytes()).isEqualTo(1_024);
        assertThat(usage.warehouseBytes()).isEqualTo(550);
        assertThat(usage.dbtArtifactsBytes()).isEqualTo(100);
        assertThat(usage.otherBytes()).isEqualTo(7);
        assertThat(usage.dataDirBytes()).isEqualTo(1_681);
        assertThat(usage.freeBytes()).isEqualTo(123);
        assertThat(usage.measured()).isTrue();
    }

    private static void write(Path file, int bytes) throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[bytes]);
    }
}
