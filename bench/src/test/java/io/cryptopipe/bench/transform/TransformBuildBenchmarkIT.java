package io.cryptopipe.bench.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transform benchmark at toy size: its generated raw rows build into exactly one silver and fact row per trade. */
class TransformBuildBenchmarkIT {
    @TempDir
    Path dataDir;

    @Test
    void buildsEveryGeneratedTradeOnceThroughTheFullAndTheIncrementalBuild() throws Exception {
        TransformBuildBenchmark.Figures figures = new TransformBuildBenchmark(dataDir,
                Path.of("../warehouse").toAbsolutePath().normalize()).run(20_000, 2_000, line -> { });

        // 20,000 history trades, 2,000 fresh ones and 20 late ones; redeliveries add raw rows, not trades.
        assertThat(figures.distinctTrades()).isEqualTo(22_020);
        assertThat(figures.silverRows()).isEqualTo(figures.distinctTrades());
        assertThat(figures.factRows()).isEqualTo(figures.distinctTrades());
        assertThat(figures.incrementalNodes()).containsKeys("silver_trades", "fact_trades", "candles_1m");
    }

    @Test
    void inflatedHistoryHoldsOneSilverAndFactRowPerTradeAndPassesEveryTest() throws Exception {
        // 20,000 history trades of which 5,000 built: 4 blocks; the inflation itself checks the last block's raw rows
        // against its copied silver rows, and every data test of the project runs over the inflated warehouse.
        TransformBuildBenchmark.Figures figures = new TransformBuildBenchmark(dataDir,
                Path.of("../warehouse").toAbsolutePath().normalize()).run(20_000, 5_000, 2_000, line -> { });

        assertThat(figures.silverRows()).isEqualTo(22_020);
        assertThat(figures.factRows()).isEqualTo(22_020);
        // Raw holds the built block, the last block and the minute's trades; the two between stand pruned.
        assertThat(figures.distinctTrades()).isEqualTo(5_000 + 5_000 + 2_020);
    }
}
