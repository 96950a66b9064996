package io.cryptopipe.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptopipe.orchestrate.schedule.CronSchedule;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WarehouseThreadsTest {

    @Test
    void the224MbCarryOneThread() {
        assertThat(withMemory("224MB").warehouseThreads(2)).isEqualTo(1);
        assertThat(withMemory("447MB").warehouseThreads(2)).isEqualTo(1);
    }

    @Test
    void eachFurther224MbCarriesAnotherThreadUpToOnePerCore() {
        assertThat(withMemory("448MB").warehouseThreads(2)).isEqualTo(2);
        assertThat(withMemory("1GB").warehouseThreads(2)).isEqualTo(2);
        assertThat(withMemory("1GB").warehouseThreads(8)).isEqualTo(4);
        assertThat(withMemory("2GiB").warehouseThreads(16)).isEqualTo(9);
    }

    @Test
    void lessThan224MbStillGetsOneThread() {
        assertThat(withMemory("64MB").warehouseThreads(2)).isEqualTo(1);
    }

    @Test
    void sizesAreReadAsDuckDbReadsThem() {
        assertThat(PipelineSettings.memoryBytes("256MB")).isEqualTo(256_000_000L);
        assertThat(PipelineSettings.memoryBytes("1.5 GiB")).isEqualTo(1_610_612_736L);
        assertThat(PipelineSettings.memoryBytes("512kb")).isEqualTo(512_000L);
    }

    private static PipelineSettings withMemory(String memory) {
        return new PipelineSettings(Path.of("data"), "127.0.0.1", 9092, 8083, 8080, PipelineSettings.Source.SIM,
                List.of("BTCUSDT"), null, null, "stock_trades", CronSchedule.parse("* * * * *"), Path.of("warehouse"),
                new PipelineSettings.SimSettings(8765, 20, 42, 0), Optional.empty(), memory);
    }
}
