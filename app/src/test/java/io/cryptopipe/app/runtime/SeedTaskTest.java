package io.cryptopipe.app.runtime;

import io.cryptopipe.orchestrate.dag.TaskResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SeedTaskTest {
    @TempDir
    Path dir;

    @Test
    void seedsLoadOnceAndAgainOnlyAfterACsvChanges() throws Exception {
        Path seeds = Files.createDirectories(dir.resolve("seeds"));
        Files.writeString(seeds.resolve("symbol_metadata.csv"), "ticker,sector,risk_level\nBTCUSDT,Store of Value,Low\n");
        AtomicInteger loads = new AtomicInteger();
        SeedTask task = new SeedTask(() -> {
            loads.incrementAndGet();
            return TaskResult.ok("Done. PASS=1");
        }, seeds, dir.resolve("dbt/seeds.sha256"));

        task.execute();
        TaskResult unchanged = task.execute();
        Files.writeString(seeds.resolve("symbol_metadata.csv"), "ticker,sector,risk_level\nBTCUSDT,Store of Value,Medium\n");
        task.execute();

        assertThat(loads.get()).isEqualTo(2);
        assertThat(unchanged.success()).isTrue();
        assertThat(unchanged.summary()).contains("unchanged");
    }

    @Test
    void aFailedLoadIsTriedAgainNextTime() throws Exception {
        Path seeds = Files.createDirectories(dir.resolve("seeds"));
        Files.writeString(seeds.resolve("s.csv"), "a\n1\n");
        AtomicInteger loads = new AtomicInteger();
        SeedTask task = new SeedTask(() -> loads.incrementAndGet() == 1
                ? TaskResult.failed("Done. ERROR=1", "s", "bad csv") : TaskResult.ok("Done. PASS=1"), seeds, dir.resolve("fp"));

        assertThat(task.execute().success()).isFalse();
        assertThat(task.execute().success()).isTrue();
        assertThat(loads.get()).isEqualTo(2);
    }
}
