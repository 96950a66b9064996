package io.cryptopipe.bench.transform;

import io.cryptopipe.bench.ScratchDirectory;
import io.cryptopipe.transform.BuildRequest;
import io.cryptopipe.transform.DbtEngine;
import io.cryptopipe.app.runtime.PipelineSettings;
import io.cryptopipe.app.runtime.AppendedTablesProbe;
import io.cryptopipe.transform.EngineOptions;
import io.cryptopipe.transform.NodeResult;
import io.cryptopipe.transform.RunResults;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The real {@code warehouse/} project built by our dbt-format engine over a large raw table, as the sink leaves it:
 * <ol>
 *   <li>a full build ({@code dbt build}: seed, snapshot, models, tests) over {@code history} raw trades;</li>
 *   <li>then {@code fresh} new raw trades land, and the scheduler's minute of work runs on top: snapshot, run,
 *       test, each timed (the goal: the incremental build within 10 s on a 2-core machine). The test step
 *       checks the append-only tables' rows after where the full build's tests passed, as the scheduler's does
 *       (var {@code test_rows_after}); then, for comparison, every row is tested, as {@code dbt test} by hand.</li>
 * </ol>
 * The raw rows are generated inside DuckDB, shaped exactly like the sink's: 50 symbols (seeded and unknown, USDT
 * and BTC quoted), contiguous trade ids per symbol, 3 Kafka partitions, 2 % of trades delivered twice (a later
 * offset and load time), and 1 % of the fresh ones late (trade time hours before their load time). The history
 * spans 24 hours of trade time loaded as it happened; the fresh trades were loaded in the last minute. One
 * connection stays open throughout, as the sink's does in {@code up}, so the engine works on the warehouse the way
 * the scheduler does: on the open DuckDB instance the raw rows were just written through.
 *
 * <p>Reference, same run: DuckDB alone parsing the fresh rows' JSON (one {@code json_transform} per column) into
 * silver's typed columns ({@code CREATE TABLE AS}), the floor any incremental silver build pays.
 *
 * <p>Run (from the repository root):
 * {@code mvn -B -q -pl bench -am package dependency:build-classpath -Dmdep.outputFile=target/cp.txt -DskipTests},
 * then {@code java -Xmx4g -cp "bench/target/classes:$(cat bench/target/cp.txt)"
 * io.cryptopipe.bench.transform.TransformBuildBenchmark 10000000 1000000}.
 * Arguments: history rows (default 10,000,000), fresh rows (default 1,000,000), project dir (default ./warehouse),
 * and optionally a memory size to bound DuckDB with as {@code up --warehouse-memory} does (memory and threads).
 */
public final class TransformBuildBenchmark {
    static final double GOAL_SECONDS = 10;
    private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT", "BNBUSDT", "SOLUSDT", "XRPUSDT",
            "ADAUSDT", "DOGEUSDT", "TRXUSDT", "AVAXUSDT", "LINKUSDT", "DOTUSDT", "LTCUSDT", "BCHUSDT", "SHIBUSDT",
            "UNIUSDT", "ATOMUSDT", "XLMUSDT", "NEARUSDT", "APTUSDT", "ARBUSDT", "OPUSDT", "PEPEUSDT", "USDCUSDT",
            "FDUSDUSDT", "ETHBTC", "BNBBTC", "SOLBTC", "XRPBTC", "ADABTC", "LINKBTC", "FILUSDT", "ICPUSDT",
            "INJUSDT", "SUIUSDT", "SEIUSDT", "TIAUSDT", "WLDUSDT", "RNDRUSDT", "IMXUSDT", "AAVEUSDT", "MKRUSDT",
            "ETCUSDT", "HBARUSDT", "VETUSDT", "ALGOUSDT", "SANDUSDT", "MANAUSDT", "AXSUSDT", "FTMUSDT", "GALAUSDT");
    private static final int PARTITIONS = 3;
    private static final long HISTORY_SPAN_US = Duration.ofHours(24).toNanos() / 1000;

    private final Path dataDir;
    private final Path projectDir;
    private final String jdbcUrl;
    private final long nowUs = Instant.now().toEpochMilli() * 1000;
    private long nextOffset;
    private long historyStepUs = 1;

    /** {@code up}'s --warehouse-memory to bound DuckDB with, as {@code up} does; null for DuckDB's own defaults. */
    private final String warehouseMemory;

    TransformBuildBenchmark(Path dataDir, Path projectDir) {
        this(dataDir, projectDir, null);
    }

    TransformBuildBenchmark(Path dataDir, Path projectDir, String warehouseMemory) {
        this.dataDir = dataDir;
        this.projectDir = projectDir;
        this.jdbcUrl = "jdbc:duckdb:" + dataDir.resolve("streaming_db.duckdb");
        this.warehouseMemory = warehouseMemory;
    }

    /** What one run measured. */
    record Figures(long historyRows, long freshRows, double generateSeconds, double fullBuildSeconds,
                   Map<String, Double> fullBuildNodes, double snapshotSeconds, double runSeconds, double testSeconds,
                   Map<String, Double> incrementalNodes, double referenceSeconds, long silverRows, long factRows,
                   long distinctTrades, double everyRowTestSeconds) {
        double incrementalSeconds() {
            return snapshotSeconds + runSeconds + testSeconds;
        }
    }

    public static void main(String[] args) throws Exception {
        long history = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        long fresh = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000L;
        Path project = Path.of(args.length > 2 ? args[2] : "warehouse").toAbsolutePath();
        if (!Files.isRegularFile(project.resolve("dbt_project.yml"))) {
            System.err.println("error: " + project + " is not the dbt project; run from the repository root or pass it");
            System.exit(2);
        }
        String warehouseMemory = args.length > 3 ? args[3] : null;
        Path dir = ScratchDirectory.create("cryptopipe-bench-transform");
        Figures figures = new TransformBuildBenchmark(dir, project, warehouseMemory).run(history, fresh, System.out::println);
        print(figures, history, fresh, warehouseMemory);
    }

    Figures run(long history, long fresh, java.util.function.Consumer<String> progress) throws Exception {
        // Held open throughout, as the sink holds the warehouse in `up`: the engine's connections then share its
        // DuckDB instance (and buffer pool) instead of opening the file anew for every command.
        try (Connection held = DriverManager.getConnection(jdbcUrl); Statement s = held.createStatement()) {
            if (warehouseMemory != null) {
                s.execute("SET memory_limit = '" + warehouseMemory + "'");
                s.execute("SET threads = " + PipelineSettings.warehouseThreads(warehouseMemory,
                        Runtime.getRuntime().availableProcessors()));
            }
            long start = System.nanoTime();
            s.execute("create schema if not exists public");
            s.execute("create table public.stock_trades_raw (RECORD_METADATA JSON, RECORD_CONTENT JSON)");
            progress.accept(String.format(Locale.ROOT, "generating %,d history rows ...", history));
            historyStepUs = Math.max(1, HISTORY_SPAN_US / Math.max(1, history));
            insertTrades(s, 0, history, Loading.AS_TRADED);
            insertTrades(s, 0, history, Loading.REDELIVERED);
            double generate = seconds(System.nanoTime() - start);

            progress.accept("full build (seed, snapshot, models, tests) ...");
            long t0 = System.nanoTime();
            RunResults full = engine().build(new BuildRequest(List.of(), List.of(), false, null));
            double fullSeconds = seconds(System.nanoTime() - t0);
            requireSuccess("full build", full);
            // Where the scheduler's test task would stand after this build's tests passed.
            long testedThrough = AppendedTablesProbe.read(held).orElseThrow().lastRawRow();

            progress.accept(String.format(Locale.ROOT, "landing %,d fresh rows ...", fresh));
            long lastHistoryRow = count(s, "select max(rowid) from public.stock_trades_raw");
            insertTrades(s, history, history + fresh, Loading.FRESH);
            insertTrades(s, history, history + fresh, Loading.REDELIVERED_FRESH);
            insertTrades(s, history + fresh, history + fresh + fresh / 100, Loading.LATE);
            double reference = referenceParse(s, lastHistoryRow);

            progress.accept("incremental: snapshot, run, test ...");
            long t1 = System.nanoTime();
            RunResults snapshot = engine().snapshot(BuildRequest.of(List.of()));
            long t2 = System.nanoTime();
            RunResults run = engine().run(BuildRequest.of(List.of()));
            long t3 = System.nanoTime();
            RunResults test = engine(Map.of("test_rows_after", testedThrough)).test(BuildRequest.of(List.of()));
            long t4 = System.nanoTime();
            requireSuccess("snapshot", snapshot);
            requireSuccess("run", run);
            requireSuccess("test", test);
            progress.accept("test of every row, as dbt test by hand ...");
            long t5 = System.nanoTime();
            RunResults everyRow = engine().test(BuildRequest.of(List.of()));
            double everyRowSeconds = seconds(System.nanoTime() - t5);
            requireSuccess("test of every row", everyRow);

            Map<String, Double> incrementalNodes = new java.util.LinkedHashMap<>();
            incrementalNodes.putAll(nodeSeconds(snapshot));
            incrementalNodes.putAll(nodeSeconds(run));
            incrementalNodes.putAll(nodeSeconds(test));
            return new Figures(history, fresh, generate, fullSeconds, nodeSeconds(full), seconds(t2 - t1),
                    seconds(t3 - t2), seconds(t4 - t3), incrementalNodes, reference,
                    count(s, "select count(*) from public.silver_trades"),
                    count(s, "select count(*) from public.fact_trades"),
                    count(s, "select count(distinct (RECORD_CONTENT->>'symbol', RECORD_CONTENT->>'trade_id')) "
                            + "from public.stock_trades_raw"), everyRowSeconds);
        }
    }

    private enum Loading { AS_TRADED, REDELIVERED, FRESH, REDELIVERED_FRESH, LATE }

    /**
     * Trades number {@code from} (inclusive) to {@code to}: trade i is trade id {@code 1,000,000 + i / 50} of
     * symbol {@code i % 50}, so ids are contiguous per symbol and a trade number always means the same trade.
     */
    private void insertTrades(Statement s, long from, long to, Loading loading) throws SQLException {
        long total = to - from;
        if (total <= 0) {
            return;
        }
        String symbols = SYMBOLS.stream().map(x -> "'" + x + "'").collect(Collectors.joining(", ", "[", "]"));
        long historyStartUs = nowUs - HISTORY_SPAN_US - Duration.ofMinutes(2).toNanos() / 1000;
        // History trades spread over 24 h; fresh ones over the last minute; late ones (new trades, loaded now)
        // over an hour three hours ago. Load times follow trade times by 40 ms, redeliveries by a minute more.
        String tradeUs = switch (loading) {
            case AS_TRADED, REDELIVERED -> historyStartUs + " + i * " + historyStepUs;
            case FRESH, REDELIVERED_FRESH -> (nowUs - 60_000_000L) + " + (i - " + from + ") * " + Math.max(1, 60_000_000L / total);
            case LATE -> (nowUs - Duration.ofHours(3).toNanos() / 1000) + " + (i - " + from + ") * "
                    + Math.max(1, Duration.ofHours(1).toNanos() / 1000 / total);
        };
        String loadedMs = switch (loading) {
            case AS_TRADED, FRESH -> "t_us // 1000 + 40";
            case REDELIVERED, REDELIVERED_FRESH -> "least(t_us // 1000 + 60000, " + (nowUs / 1000 - 1000) + ")";
            case LATE -> String.valueOf(nowUs / 1000 - 500);
        };
        String stride = loading == Loading.REDELIVERED || loading == Loading.REDELIVERED_FRESH ? "50" : "1";
        long offsetBase = nextOffset;
        s.execute("insert into public.stock_trades_raw "
                + "select json_object('topic', 'stock_trades', 'partition', n % " + PARTITIONS + ", 'offset', "
                + offsetBase + " + n, 'key', symbol, 'CreateTime', t_us // 1000, 'LoadedAt', " + loadedMs + "), "
                + "json_object('exchange', 'binance', 'symbol', symbol, 'trade_id', 1000000 + i // 50, "
                + "'price', printf('%.8f', 100 + (i % 997) * 0.01), 'quantity', printf('%.8f', 0.001 + (i % 89) * 0.0001), "
                + "'is_buyer_maker', i % 3 = 0, 'trade_time_us', t_us, 'event_time_us', t_us, "
                + "'ingest_time_us', t_us + 25000, 'source', 'ws') "
                + "from (select n, i, " + symbols + "[(i % 50) + 1] as symbol, " + tradeUs + " as t_us "
                + "from (select row_number() over () - 1 as n, i from range(" + from + ", " + to + ", " + stride + ") as r(i)))");
        nextOffset += (total + Long.parseLong(stride) - 1) / Long.parseLong(stride);
    }

    /** DuckDB alone turning the fresh raw rows into silver's typed columns: the floor of an incremental build. */
    private double referenceParse(Statement s, long lastHistoryRow) throws SQLException {
        long start = System.nanoTime();
        s.execute("create temp table reference_parse as select c.exchange, c.symbol, c.trade_id, "
                + "try_cast(c.price as decimal(18, 8)) as price, try_cast(c.quantity as decimal(18, 8)) as quantity, "
                + "make_timestamp(c.trade_time_us) as trade_time, epoch_ms(m.LoadedAt) as loaded_at "
                + "from (select json_transform(RECORD_CONTENT, '{\"exchange\":\"VARCHAR\",\"symbol\":\"VARCHAR\","
                + "\"trade_id\":\"BIGINT\",\"price\":\"VARCHAR\",\"quantity\":\"VARCHAR\",\"trade_time_us\":\"BIGINT\"}') as c, "
                + "json_transform(RECORD_METADATA, '{\"LoadedAt\":\"BIGINT\"}') as m "
                + "from public.stock_trades_raw where rowid > " + lastHistoryRow + ")");
        double elapsed = seconds(System.nanoTime() - start);
        s.execute("drop table reference_parse");
        return elapsed;
    }

    private DbtEngine engine() {
        return engine(Map.of());
    }

    private DbtEngine engine(Map<String, Object> vars) {
        return new DbtEngine(new EngineOptions(projectDir, projectDir, null,
                Map.of("CRYPTOPIPE_DATA_DIR", dataDir.toString()), vars, dataDir.resolve("dbt-target")));
    }

    private static void requireSuccess(String step, RunResults results) {
        if (!results.success()) {
            throw new IllegalStateException(step + " failed: " + results.failures());
        }
    }

    private static Map<String, Double> nodeSeconds(RunResults results) {
        return results.results().stream().collect(Collectors.toMap(NodeResult::name,
                r -> r.elapsed().toNanos() / 1e9, Double::sum, java.util.LinkedHashMap::new));
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static void print(Figures f, long history, long fresh, String warehouseMemory) {
        System.out.printf(Locale.ROOT, "%n== transform: the warehouse/ project over %,d raw trades + %,d fresh (%d cores, load average %.1f) ==%n",
                f.historyRows(), f.freshRows(), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println(warehouseMemory == null ? "duckdb: its own defaults (threads = cores, memory 80 % of RAM)"
                : String.format(Locale.ROOT, "duckdb: bounded as up --warehouse-memory %s bounds it (%d thread(s))",
                        warehouseMemory, PipelineSettings.warehouseThreads(warehouseMemory, Runtime.getRuntime().availableProcessors())));
        System.out.printf(Locale.ROOT, "raw rows generated:              %.1f s%n", f.generateSeconds());
        System.out.printf(Locale.ROOT, "full build (seed+snapshot+models+tests): %.1f s; slowest: %s%n",
                f.fullBuildSeconds(), slowest(f.fullBuildNodes()));
        System.out.printf(Locale.ROOT, "incremental snapshot:            %.2f s%n", f.snapshotSeconds());
        System.out.printf(Locale.ROOT, "incremental run (models):        %.2f s (goal <= %.0f s: %s)%n", f.runSeconds(),
                GOAL_SECONDS, f.runSeconds() <= GOAL_SECONDS ? "met"
                        : String.format(Locale.ROOT, "missed by %.1f s", f.runSeconds() - GOAL_SECONDS));
        System.out.printf(Locale.ROOT, "incremental test (new rows):     %.2f s%n", f.testSeconds());
        System.out.printf(Locale.ROOT, "incremental snapshot+run+test:   %.2f s (goal <= %.0f s: %s)%n", f.incrementalSeconds(),
                GOAL_SECONDS, f.incrementalSeconds() <= GOAL_SECONDS ? "met"
                        : String.format(Locale.ROOT, "missed by %.1f s", f.incrementalSeconds() - GOAL_SECONDS));
        System.out.printf(Locale.ROOT, "  slowest nodes: %s%n", slowest(f.incrementalNodes()));
        System.out.printf(Locale.ROOT, "test of every row (dbt test by hand; up's first run): %.2f s%n", f.everyRowTestSeconds());
        System.out.printf(Locale.ROOT, "reference, DuckDB parsing the fresh rows alone: %.2f s (incremental run = %.1fx)%n",
                f.referenceSeconds(), f.runSeconds() / f.referenceSeconds());
        System.out.printf(Locale.ROOT, "rows: silver %,d, fact %,d, distinct trades in raw %,d%n", f.silverRows(),
                f.factRows(), f.distinctTrades());
        System.out.println("rerun: mvn -B -q -pl bench -am package dependency:build-classpath -Dmdep.outputFile=target/cp.txt"
                + " -DskipTests && java -Xmx4g -cp \"bench/target/classes:$(cat bench/target/cp.txt)\" "
                + TransformBuildBenchmark.class.getName() + " " + history + " " + fresh + " warehouse"
                + (warehouseMemory == null ? "" : " " + warehouseMemory));
    }

    private static String slowest(Map<String, Double> nodes) {
        List<Map.Entry<String, Double>> sorted = new ArrayList<>(nodes.entrySet());
        sorted.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
        return sorted.stream().limit(6).map(e -> String.format(Locale.ROOT, "%s %.2f s", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
