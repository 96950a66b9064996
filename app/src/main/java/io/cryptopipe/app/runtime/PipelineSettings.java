package io.cryptopipe.app.runtime;

import io.cryptopipe.orchestrate.schedule.CronSchedule;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@code up} needs, validated by the CLI before anything starts.
 *
 * @param projectDir the dbt project the scheduler runs
 * @param sim        used when {@code source} is {@link Source#SIM}
 * @param listingSelector {@code all} / {@code all:<QUOTE>} when {@code symbols} came from it: ingest then follows
 *                        the exchange's listings and delistings while running
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
        SimSettings sim,
        Optional<String> listingSelector) {

    public enum Source { BINANCE, SIM }

    /** @param maxTradesPerSymbol 0 for an endless feed */
    public record SimSettings(int port, double tradesPerSecond, long seed, long maxTradesPerSymbol) {
    }

    public PipelineSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(schedule, "schedule");
        symbols = List.copyOf(symbols);
        Objects.requireNonNull(listingSelector, "listingSelector");
    }

    /** Streams exactly {@code symbols}. */
    public PipelineSettings(Path dataDir, String bindHost, int kafkaPort, int connectPort, int httpPort, Source source,
                            List<String> symbols, URI binanceWsUrl, URI binanceRestUrl, String topic,
                            CronSchedule schedule, Path projectDir, SimSettings sim) {
        this(dataDir, bindHost, kafkaPort, connectPort, httpPort, source, symbols, binanceWsUrl, binanceRestUrl, topic,
                schedule, projectDir, sim, Optional.empty());
    }

    public String dlqTopic() {
        return topic + "_dlq";
    }
}
