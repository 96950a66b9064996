package io.cryptopipe.app.runtime;

import io.cryptopipe.orchestrate.schedule.CronSchedule;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@code up} needs, validated by the CLI before anything starts.
 *
 * @param projectDir the dbt project the scheduler runs
 * @param sim        used when {@code source} is {@link Source#SIM}
 */
public record PipelineSettings(
        Path dataDir,
        String bindHost,
        int kafkaPort,
        int connectPort,
        int httpPort,
        Source source,
        List<String> symbols,
        URI binanceWsUrl,
        URI binanceRestUrl,
        String topic,
        CronSchedule schedule,
        Path projectDir,
        SimSettings sim) {

    public enum Source { BINANCE, SIM }

    /** @param maxTradesPerSymbol 0 for an endless feed */
    public record SimSettings(int port, double tradesPerSecond, long seed, long maxTradesPerSymbol) {
    }

    public PipelineSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(schedule, "schedule");
        symbols = List.copyOf(symbols);
    }

    public String dlqTopic() {
        return topic + "_dlq";
    }
}
