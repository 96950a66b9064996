package io.cryptopipe.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptopipe.app.runtime.PipelineSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The e2e benchmark at a trickle: every stage reports something; how fast is for the benchmark itself, not a test. */
class EndToEndBenchmarkIT {
    @Test
    void measuresTradesLatenciesResourcesAndKafkasOwnToolsInOneRun() throws Exception {
        List<String> progress = new ArrayList<>();
        EndToEndBenchmark.Figures figures = new EndToEndBenchmark(new EndToEndBenchmark.Options(10, 1_000, 5,
                Path.of("../warehouse").toAbsolutePath().normalize(), 20_000, PipelineSettings.DEFAULT_WAREHOUSE_MEMORY, 1,
                Duration.ofMillis(500)),
                progress::add).run();

        assertThat(figures.rawRows()).isPositive();
        assertThat(figures.toRaw().count()).isEqualTo(figures.rawRows());
        assertThat(figures.toRaw().p99()).isPositive();
        assertThat(figures.toGold().count()).as("trades the gold refresh brought into consumption_trades").isPositive();
        assertThat(figures.refreshes().refreshes()).isPositive();
        assertThat(figures.dagRuns()).isPositive();
        assertThat(figures.failedDagRuns()).isZero();
        assertThat(figures.toSilver().count()).isPositive();
        assertThat(figures.secondsToFirstRow()).isPositive();
        assertThat(figures.peakRssBytes()).isPositive();
        assertThat(figures.producerPerfRate()).isPositive();
        assertThat(figures.consumerPerfRate()).isPositive();
        assertThat(figures.ingest().tradesPublished()).as("ingest's count covers the window's trades and more")
                .isGreaterThanOrEqualTo(figures.rawRows());
        assertThat(figures.gc().maxHeapBytes()).isEqualTo(Runtime.getRuntime().maxMemory());
        assertThat(figures.gc().windowSeconds()).as("the 10 s window").isGreaterThanOrEqualTo(10);
        assertThat(figures.gc().pauseShare()).isBetween(0.0, 1.0);
        assertThat(figures.allocation().largest(1)).singleElement().satisfies(largest ->
                assertThat(largest.getValue()).isPositive().isLessThanOrEqualTo(figures.allocation().totalBytes()));
        assertThat(figures.batches().perSecond()).as("ingest's producer sent batches").isPositive();
        assertThat(figures.batches().averageRecords()).isGreaterThanOrEqualTo(1);
        assertThat(progress).anyMatch(line -> line.startsWith("first raw row"));
    }
}
