package io.cryptopipe.app.runtime;

import io.cryptopipe.ingest.IngestConfig;
import io.cryptopipe.orchestrate.schedule.CronSchedule;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything {@code up} needs, validated by the CLI before anything starts.
 *
 * @param projectDir the dbt project the scheduler runs
 * @param sim        used when {@code source} is {@link Source#SIM}
 * @param listingSelector {@code all} / {@code all:<QUOTE>} when {@code symbols} came from it: ingest then follows
 *                        the exchange's listings and delistings while running
 * @param warehouseMemory DuckDB's {@code memory_limit} for the embedded warehouse, e.g. {@code 256MB}
 * @param wsConnections stream connections ingest spreads the symbols over ({@link IngestConfig#wsConnections()})
 * @param serving the PostgreSQL endpoint, query limits and access control for readers
 * @param retention how much history the pipeline keeps on disk and the free space it needs
 * @param refreshInterval how often the incremental models refresh between the minute's DAG runs ({@link GoldRefresh});
 *                        zero for the DAG runs only
 * @param venueUrls endpoints of venues other than Binance by exchange name; a venue not named uses its public ones
 *                  (with {@link Source#SIM}, the simulator's)
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
        Optional<String> listingSelector,
        String warehouseMemory,
        int wsConnections,
        ServingSettings serving,
        RetentionSettings retention,
        Duration refreshInterval,
        Map<String, IngestConfig.VenueUrls> venueUrls) {

    /**
     * DuckDB's own default is 80 % of the machine's memory, which its cache of table blocks fills over hours of
     * streaming. On DuckDB 1.4.4, 256MB ran out of memory in a data test over 10 M rows and 384MB in the minute's
     * silver build at 60k trades/s (where DuckDB then held one damaged raw row), so the bound was 512MB. DuckDB 2.0
     * needs less: 448MB with two threads builds and tests 11 M rows in the minute's 7 s, ran two one-minute runs at 60k
     * trades/s without running out of memory, and kept the whole stack under 1 GiB resident over five minutes at 10k
     * trades/s, which 512MB did not (docs/BENCHMARKS.md transform and e2e).
     */
    public static final String DEFAULT_WAREHOUSE_MEMORY = "448MB";
    /**
     * A trade reaches consumption_trades within seconds, not at the next minute's run: it waits for the next refresh
     * to start and then for that refresh, so the p99 is about this plus a refresh (~1 s at 10k trades/s) plus trade to
     * raw. 2 s met issue 27's goals (p99 ≤ 5 s at 10k/s, ≤ 3 s at 1k/s) where 5 s could not (docs/BENCHMARKS.md).
     */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(2);
    static final long WAREHOUSE_BYTES_PER_THREAD = 224_000_000L;
    /**
     * DuckDB checkpoints when its write-ahead log reaches this (default 16MB), rewriting and recompressing the raw
     * table's last, partial row group each time. At 100k trades/s (~50 MB of log a second) that was three times a
     * second, on the sink's committing thread: 68-75k trades/s committed against 91-109k with 64MB, which also
     * kept the 10k trades/s latency and memory goals (docs/BENCHMARKS.md, e2e runs 56-65; 128MB was no better).
     */
    static final String WAREHOUSE_CHECKPOINT_THRESHOLD = "64MB";
    private static final Pattern MEMORY = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)",
            Pattern.CASE_INSENSITIVE);

    public enum Source { BINANCE, SIM }

    /** @param maxTradesPerSymbol 0 for an endless feed */
    /** @param rampUp the simulator's rate climbs to {@code tradesPerSecond} over this long (benchmarks' warm-up) */
    public record SimSettings(int port, double tradesPerSecond, long seed, long maxTradesPerSymbol, Duration rampUp) {

        public SimSettings(int port, double tradesPerSecond, long seed, long maxTradesPerSymbol) {
            this(port, tradesPerSecond, seed, maxTradesPerSymbol, Duration.ZERO);
        }

        /**
         * Trades the embedded exchange keeps for REST catch-up, shared by its symbols (~25 MB of the pipeline's heap):
         * the simulator's own 200k per symbol grows to ~250 MB with 50 symbols, and at 100k trades/s ran the heap out.
         */
        static final int HISTORY_TRADES = 1_000_000;
        static final int MIN_HISTORY_PER_SYMBOL = 10_000;

        /** @return how many of each symbol's latest trades the embedded exchange keeps when it trades these many */
        public static int historyPerSymbol(int symbols) {
            return Math.max(MIN_HISTORY_PER_SYMBOL, HISTORY_TRADES / Math.max(1, symbols));
        }
    }

    /** With ingest's default number of stream connections and no PostgreSQL endpoint. */
    public PipelineSettings(Path dataDir, String bindHost, int kafkaPort, int connectPort, int httpPort, Source source,
                            List<String> symbols, URI binanceWsUrl, URI binanceRestUrl, String topic, CronSchedule schedule,
                            Path projectDir, SimSettings sim, Optional<String> listingSelector, String warehouseMemory) {
        this(dataDir, bindHost, kafkaPort, connectPort, httpPort, source, symbols, binanceWsUrl, binanceRestUrl, topic,
                schedule, projectDir, sim, listingSelector, warehouseMemory, IngestConfig.DEFAULT_WS_CONNECTIONS,
                ServingSettings.withoutPgEndpoint(), RetentionSettings.defaults(), DEFAULT_REFRESH_INTERVAL, Map.of());
    }

    /** With the default retention and refresh interval. */
    public PipelineSettings(Path dataDir, String bindHost, int kafkaPort, int connectPort, int httpPort, Source source,
                            List<String> symbols, URI binanceWsUrl, URI binanceRestUrl, String topic, CronSchedule schedule,
                            Path projectDir, SimSettings sim, Optional<String> listingSelector, String warehouseMemory,
                            int wsConnections, ServingSettings serving) {
        this(dataDir, bindHost, kafkaPort, connectPort, httpPort, source, symbols, binanceWsUrl, binanceRestUrl, topic,
                schedule, projectDir, sim, listingSelector, warehouseMemory, wsConnections, serving,
                RetentionSettings.defaults(), DEFAULT_REFRESH_INTERVAL, Map.of());
    }

    /** Every venue other than Binance at its public endpoints (with {@link Source#SIM}, the simulator's). */
    public PipelineSettings(Path dataDir, String bindHost, int kafkaPort, int connectPort, int httpPort, Source source,
                            List<String> symbols, URI binanceWsUrl, URI binanceRestUrl, String topic, CronSchedule schedule,
                            Path projectDir, SimSettings sim, Optional<String> listingSelector, String warehouseMemory,
                            int wsConnections, ServingSettings serving, RetentionSettings retention,
                            Duration refreshInterval) {
        this(dataDir, bindHost, kafkaPort, connectPort, httpPort, source, symbols, binanceWsUrl, binanceRestUrl, topic,
                schedule, projectDir, sim, listingSelector, warehouseMemory, wsConnections, serving, retention,
                refreshInterval, Map.of());
    }

    public PipelineSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        if (wsConnections < 1 || wsConnections > IngestConfig.MAX_WS_CONNECTIONS) {
            throw new IllegalArgumentException("wsConnections must be between 1 and " + IngestConfig.MAX_WS_CONNECTIONS
                    + ": " + wsConnections);
        }
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(schedule, "schedule");
        symbols = List.copyOf(symbols);
        Objects.requireNonNull(listingSelector, "listingSelector");
        if (!isMemorySize(warehouseMemory)) {
            throw new IllegalArgumentException("warehouse memory must be a size such as 256MB or 1GB, got '"
                    + warehouseMemory + "'");
        }
        warehouseMemory = warehouseMemory.strip();
        Objects.requireNonNull(serving, "serving");
        Objects.requireNonNull(retention, "retention");
        if (refreshInterval == null || refreshInterval.isNegative()) {
            throw new IllegalArgumentException("refreshInterval must be zero (off) or positive: " + refreshInterval);
        }
        venueUrls = Map.copyOf(venueUrls);
    }

    /** Whether {@code text} is a memory size DuckDB's {@code memory_limit} takes, e.g. {@code 256MB}. */
    public static boolean isMemorySize(String text) {
        return text != null && MEMORY.matcher(text.strip()).matches();
    }

    /**
     * DuckDB threads for the warehouse: one per {@value #WAREHOUSE_BYTES_PER_THREAD} bytes of its memory, at least one,
     * at most one per core. On DuckDB 1.4.4, with two threads in 256MB, the data test {@code unique} on fact_trades'
     * 32-character key ran out of memory from 2 M rows on; one thread in 256MB, or two in 512MB, passed at 50 M rows.
     * One thread in 448MB made the minute's work take 12 s instead of 7 (DuckDB 2.0, 11 M rows).
     */
    public int warehouseThreads(int cores) {
        return warehouseThreads(warehouseMemory, cores);
    }

    /** @see #warehouseThreads(int) */
    public static int warehouseThreads(String memory, int cores) {
        long perThread = Math.max(1, memoryBytes(memory) / WAREHOUSE_BYTES_PER_THREAD);
        return (int) Math.max(1, Math.min(cores, perThread));
    }

    /** DuckDB's reading of a size: KB, MB... are powers of 1000, KiB, MiB... of 1024. */
    public static long memoryBytes(String size) {
        Matcher matcher = MEMORY.matcher(size.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a memory size: " + size);
        }
        String unit = matcher.group(2).toUpperCase(Locale.ROOT);
        int power = "KMGT".indexOf(unit.charAt(0)) + 1;
        double base = unit.contains("I") ? 1024 : 1000;
        return (long) (Double.parseDouble(matcher.group(1)) * Math.pow(base, power));
    }

    /** With the embedded warehouse's default memory bound. */
    public PipelineSettings(Path dataDir, String bindHost, int kafkaPort, int connectPort, int httpPort, Source source,
                            List<String> symbols, URI binanceWsUrl, URI binanceRestUrl, String topic,
                            CronSchedule schedule, Path projectDir, SimSettings sim, Optional<String> listingSelector) {
        this(dataDir, bindHost, kafkaPort, connectPort, httpPort, source, symbols, binanceWsUrl, binanceRestUrl, topic,
                schedule, projectDir, sim, listingSelector, DEFAULT_WAREHOUSE_MEMORY);
    }

    /** Streams exactly {@code symbols}. */
    public PipelineSettings(Path dataDir, String bindHost, int kafkaPort, int connectPort, int httpPort, Source source,
                            List<String> symbols, URI binanceWsUrl, URI binanceRestUrl, String topic,
                            CronSchedule schedule, Path projectDir, SimSettings sim) {
        this(dataDir, bindHost, kafkaPort, connectPort, httpPort, source, symbols, binanceWsUrl, binanceRestUrl, topic,
                schedule, projectDir, sim, Optional.empty());
    }

    /** The same pipeline serving its readers as {@code serving} says. */
    public PipelineSettings withServing(ServingSettings serving) {
        return new PipelineSettings(dataDir, bindHost, kafkaPort, connectPort, httpPort, source, symbols, binanceWsUrl,
                binanceRestUrl, topic, schedule, projectDir, sim, listingSelector, warehouseMemory, wsConnections, serving,
                retention, refreshInterval, venueUrls);
    }

    /** The same pipeline keeping history as {@code retention} says. */
    public PipelineSettings withRetention(RetentionSettings retention) {
        return new PipelineSettings(dataDir, bindHost, kafkaPort, connectPort, httpPort, source, symbols, binanceWsUrl,
                binanceRestUrl, topic, schedule, projectDir, sim, listingSelector, warehouseMemory, wsConnections, serving,
                retention, refreshInterval, venueUrls);
    }

    /** The same pipeline refreshing its incremental models every {@code interval} (zero: at the DAG runs only). */
    public PipelineSettings withRefreshInterval(Duration interval) {
        return new PipelineSettings(dataDir, bindHost, kafkaPort, connectPort, httpPort, source, symbols, binanceWsUrl,
                binanceRestUrl, topic, schedule, projectDir, sim, listingSelector, warehouseMemory, wsConnections, serving,
                retention, interval, venueUrls);
    }

    /** The same pipeline reaching the venues other than Binance at {@code venueUrls} (by exchange name). */
    public PipelineSettings withVenueUrls(Map<String, IngestConfig.VenueUrls> venueUrls) {
        return new PipelineSettings(dataDir, bindHost, kafkaPort, connectPort, httpPort, source, symbols, binanceWsUrl,
                binanceRestUrl, topic, schedule, projectDir, sim, listingSelector, warehouseMemory, wsConnections, serving,
                retention, refreshInterval, venueUrls);
    }

    public String dlqTopic() {
        return topic + "_dlq";
    }
}
