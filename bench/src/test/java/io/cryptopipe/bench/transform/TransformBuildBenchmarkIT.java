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
}
