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
 * <p>Large histories ({@code built < history}): only the first {@code built} trades are generated as raw JSON and
 * fully built; the warehouse is then extended to {@code history} trades by {@link #inflate}: silver gets shifted
 * copies of its rows (exactly what silver would hold for those trades, checked against the last block's raw rows
 * read through bronze), the models build facts, candles and traded tickers from them, raw holds the built block's
 * rows and the last block's with NULL placeholders between them (the middle blocks' rows, as if
 * {@code --raw-retention} had deleted them), and every data test of the project must pass over the inflated
 * warehouse before the minute is timed.
 *
 * <p>Run: {@code ./cryptopipe bench transform --history 100000000 --built 2000000 --fresh 600000
 * --warehouse-memory 448MB}.
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
    /** Built rows are a multiple of this: whole cycles of the 50 symbols, and block time shifts in whole ms. */
    static final long INFLATION_UNIT = 1000;

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
    record Figures(long historyRows, long builtRows, long freshRows, double generateSeconds, double fullBuildSeconds,
                   Map<String, Double> fullBuildNodes, double inflateSeconds, double snapshotSeconds, double runSeconds, double testSeconds,
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
        String warehouseMemory = args.length > 3 && !args[3].isBlank() ? args[3] : null;
        long built = args.length > 4 ? Long.parseLong(args[4]) : history;
        runAndPrint(history, built, fresh, project, warehouseMemory);
    }

    /** One run, printed; what {@code cryptopipe bench transform} calls. */
    public static void runAndPrint(long history, long built, long fresh, Path project, String warehouseMemory)
            throws Exception {
        if (!Files.isRegularFile(project.resolve("dbt_project.yml"))) {
            System.err.println("error: " + project + " is not the dbt project; run from the repository root or pass it");
            System.exit(2);
        }
        requireInflatable(history, built);
        Path dir = ScratchDirectory.create("cryptopipe-bench-transform");
        Figures figures = new TransformBuildBenchmark(dir, project, warehouseMemory).run(history, built, fresh, System.out::println);
        print(figures, history, fresh, warehouseMemory);
    }

    Figures run(long history, long fresh, java.util.function.Consumer<String> progress) throws Exception {
        return run(history, history, fresh, progress);
    }

    /**
     * @param built the first {@code built} history trades go through the models (a full build); the rest of the
     *              history is made from them by {@link #inflate} ({@code built == history}: all of it is built)
     */
    Figures run(long history, long built, long fresh, java.util.function.Consumer<String> progress) throws Exception {
        requireInflatable(history, built);
        // Held open throughout, as the sink holds the warehouse in `up`: the engine's connections then share its
        // DuckDB instance (and buffer pool) instead of opening the file anew for every command.
        try (Connection held = DriverManager.getConnection(jdbcUrl); Statement s = held.createStatement()) {
            boundLikeUp(s);
            long start = System.nanoTime();
            s.execute("create schema if not exists public");
            s.execute("create table public.stock_trades_raw (RECORD_METADATA JSON, RECORD_CONTENT JSON)");
            progress.accept(String.format(Locale.ROOT, "generating %,d history rows ...", built));
            // Trade times follow the whole history's span, so the built part is its oldest part.
            historyStepUs = Math.max(1, HISTORY_SPAN_US / Math.max(1, history));
            insertTrades(s, 0, built, Loading.AS_TRADED);
            insertTrades(s, 0, built, Loading.REDELIVERED);
            double generate = seconds(System.nanoTime() - start);

            progress.accept("full build (seed, snapshot, models, tests) ...");
            long t0 = System.nanoTime();
            RunResults full = engine().build(new BuildRequest(List.of(), List.of(), false, null));
            double fullSeconds = seconds(System.nanoTime() - t0);
            requireSuccess("full build", full);

            double inflateSeconds = 0;
            double everyRowSeconds = Double.NaN;
            if (history > built) {
                long t = System.nanoTime();
                inflate(s, history, built, progress);
                inflateSeconds = seconds(System.nanoTime() - t);
                progress.accept("test of every row of the inflated warehouse, as dbt test by hand ...");
                long tt = System.nanoTime();
                RunResults everyRow = engine().test(BuildRequest.of(List.of()));
                everyRowSeconds = seconds(System.nanoTime() - tt);
                requireSuccess("test of every row of the inflated warehouse", everyRow);
                boundLikeUp(s);
            }
            // Where the scheduler's test task would stand after the last passing test run (the full build's, or
            // the test of every row after inflating).
            long testedThrough = AppendedTablesProbe.read(held).orElseThrow().lastRawRow();

            progress.accept(String.format(Locale.ROOT, "landing %,d fresh rows ...", fresh));
            long lastHistoryRow = count(s, "select max(rowid) from public.stock_trades_raw");
            insertTrades(s, history, history + fresh, Loading.FRESH);
            insertTrades(s, history, history + fresh, Loading.REDELIVERED_FRESH);
            insertTrades(s, history + fresh, history + fresh + fresh / 100, Loading.LATE);
            double reference = referenceParse(s, lastHistoryRow);
            // In up the sink commits small batches and DuckDB checkpoints whenever its log passes 16 MB, so the DAG
            // never finds more than that unwritten; here the history and the minute's rows were written in a few
            // large statements, and the first commit of the minute would otherwise pay for writing all of them.
            s.execute("CHECKPOINT");

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
            if (history == built) {
                progress.accept("test of every row, as dbt test by hand ...");
                long t5 = System.nanoTime();
                RunResults everyRow = engine().test(BuildRequest.of(List.of()));
                everyRowSeconds = seconds(System.nanoTime() - t5);
                requireSuccess("test of every row", everyRow);
            }

            Map<String, Double> incrementalNodes = new java.util.LinkedHashMap<>();
            incrementalNodes.putAll(nodeSeconds(snapshot));
            incrementalNodes.putAll(nodeSeconds(run));
            incrementalNodes.putAll(nodeSeconds(test));
            return new Figures(history, built, fresh, generate, fullSeconds, nodeSeconds(full), inflateSeconds,
                    seconds(t2 - t1), seconds(t3 - t2), seconds(t4 - t3), incrementalNodes, reference,
                    count(s, "select count(*) from public.silver_trades"),
                    count(s, "select count(*) from public.fact_trades"),
                    count(s, "select count(distinct (RECORD_CONTENT->>'symbol', RECORD_CONTENT->>'trade_id')) "
                            + "from public.stock_trades_raw where RECORD_CONTENT is not null"), everyRowSeconds);
        }
    }

    /** up's bounds (--warehouse-memory) when given, or DuckDB's defaults: the bounds the minute is timed under. */
    private void boundLikeUp(Statement s) throws SQLException {
        if (warehouseMemory != null) {
            s.execute("SET memory_limit = '" + warehouseMemory + "'");
            s.execute("SET threads = " + PipelineSettings.warehouseThreads(warehouseMemory,
                    Runtime.getRuntime().availableProcessors()));
        }
    }

    public static void requireInflatable(long history, long built) {
        if (built <= 0 || built > history || history % built != 0 || built % INFLATION_UNIT != 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "built rows (%,d) must be a multiple of %,d"
                    + " that divides the history (%,d)", built, INFLATION_UNIT, history));
        }
    }

    /**
     * Extends the built warehouse to {@code history} trades without generating and parsing their JSON: the history
     * is {@code history / built} blocks of {@code built} trades, each landed as the built block was (its trades,
     * then its redeliveries), and block k's trades are those of block 0 moved by k blocks: trade number
     * {@code + k * built} (so trade id {@code + k * built / 50}, same symbol), times {@code + k * built * step},
     * Kafka offset and raw row {@code + k * raw rows of a block}; price, quantity and side follow the trade number
     * as the generator's do. Exactly the rows silver would hold for those raw rows; the last block's raw rows are
     * generated for real and checked against them through bronze. Everything downstream of silver (facts, candles,
     * traded tickers) is then built by the models themselves, in one incremental run over the copies. The raw rows
     * of the middle blocks are NULL placeholders for what --raw-retention would have deleted: they keep the raw row
     * positions (rowid) where the sink would have left them, and no model reads rows at or below silver's last. (The
     * built block's raw rows stay: deleting them in part would renumber the rows after them at the next checkpoint.)
     */
    private void inflate(Statement s, long history, long built, java.util.function.Consumer<String> progress)
            throws SQLException {
        long blocks = history / built;
        long blockRawRows = count(s, "select count(*) from public.stock_trades_raw");
        long blockShiftUs = built * historyStepUs;
        if (count(s, "select count(*) from public.silver_rejects") != 0
                || count(s, "select max(raw_row_id) from public.silver_trades") != built - 1) {
            throw new IllegalStateException("the built block is not as inflate expects it (no rejects, one silver row per trade)");
        }
        // More memory than up's for building 90 M rows at once; the minute is timed under up's bounds again.
        s.execute("SET memory_limit = '4GB'");
        s.execute("SET threads = " + Runtime.getRuntime().availableProcessors());
        String symbols = SYMBOLS.stream().map(x -> "'" + x + "'").collect(Collectors.joining(", ", "[", "]"));
        // Block by block, each in silver's order (raw row order), then the models over up to ~20 M new rows a run.
        long blocksPerRun = Math.max(1, 20_000_000L / built);
        for (long k = 1; k < blocks; k++) {
            s.execute("insert into public.silver_trades by name "
                    + "select * exclude (i) replace ("
                    + "  trade_id + " + k * (built / SYMBOLS.size()) + " as trade_id,"
                    + "  cast(100 + (i % 997) * 0.01 as decimal(38, 8)) as price,"
                    + "  cast(0.001 + (i % 89) * 0.0001 as decimal(38, 8)) as quantity,"
                    + "  i % 3 = 0 as is_buyer_maker,"
                    + "  case when i % 3 = 0 then 'sell' else 'buy' end as side,"
                    + "  trade_time + to_microseconds(" + k * blockShiftUs + ") as trade_time,"
                    + "  event_time + to_microseconds(" + k * blockShiftUs + ") as event_time,"
                    + "  ingest_time + to_microseconds(" + k * blockShiftUs + ") as ingest_time,"
                    + "  loaded_at + to_microseconds(" + k * blockShiftUs + ") as loaded_at,"
                    + "  kafka_offset + " + k * blockRawRows + " as kafka_offset,"
                    + "  raw_row_id + " + k * blockRawRows + " as raw_row_id) "
                    + "from (select *, (trade_id + " + k * (built / SYMBOLS.size()) + " - 1000000) * " + SYMBOLS.size()
                    + " + list_position(" + symbols + ", symbol) - 1 as i "
                    + "from public.silver_trades where raw_row_id < " + built + ")");
            if (k % blocksPerRun == 0 || k == blocks - 1) {
                progress.accept(String.format(Locale.ROOT, "silver at %,d trades; facts, candles, traded tickers"
                        + " built from the copies by the models (an incremental run) ...", (k + 1) * built));
                requireSuccess("incremental run over the inflated silver", engine().run(BuildRequest.of(List.of())));
            }
        }

        progress.accept("raw: placeholders for the pruned blocks, then the last block's rows ...");
        if (blocks > 2) {
            s.execute("insert into public.stock_trades_raw select null, null from range(" + (blocks - 2) * blockRawRows + ")");
        }
        long lastBlockFirstRow = (blocks - 1) * blockRawRows;
        nextOffset = lastBlockFirstRow;
        insertTrades(s, history - built, history, Loading.AS_TRADED);
        insertTrades(s, history - built, history, Loading.REDELIVERED);
        if (count(s, "select max(rowid) from public.stock_trades_raw") != blocks * blockRawRows - 1) {
            throw new IllegalStateException("raw's rows are not where the inflated silver expects them");
        }
        // The last block's raw rows, read by bronze and typed as silver types them, are its silver rows exactly.
        String typedBronze = "select exchange, symbol, trade_id, cast(price as decimal(38, 8)), cast(quantity as decimal(38, 8)),"
                + " is_buyer_maker, case when is_buyer_maker then 'sell' else 'buy' end, make_timestamp(trade_time_us),"
                + " make_timestamp(event_time_us), make_timestamp(ingest_time_us), source, kafka_partition, kafka_offset,"
                + " loaded_at, raw_row_id from public.bronze_data where raw_row_id between " + lastBlockFirstRow
                + " and " + (lastBlockFirstRow + built - 1);
        String copied = "select exchange, symbol, trade_id, price, quantity, is_buyer_maker, side, trade_time, event_time,"
                + " ingest_time, source, kafka_partition, kafka_offset, loaded_at, raw_row_id from public.silver_trades"
                + " where raw_row_id between " + lastBlockFirstRow + " and " + (lastBlockFirstRow + built - 1);
        long differing = count(s, "select count(*) from ((" + typedBronze + " except all " + copied + ") union all ("
                + copied + " except all " + typedBronze + "))");
        long lastBlockSilver = count(s, "select count(*) from (" + copied + ")");
        if (differing != 0 || lastBlockSilver != built) {
            throw new IllegalStateException(String.format(Locale.ROOT, "inflated silver differs from the last block's"
                    + " raw rows: %,d rows differ, %,d silver rows for %,d trades", differing, lastBlockSilver, built));
        }
        progress.accept(String.format(Locale.ROOT, "checked: the last block's %,d raw rows through bronze = its copied silver rows", built));
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
        System.out.printf(Locale.ROOT, "full build (seed+snapshot+models+tests) of %,d trades: %.1f s; slowest: %s%n",
                f.builtRows(), f.fullBuildSeconds(), slowest(f.fullBuildNodes()));
        if (f.historyRows() > f.builtRows()) {
            System.out.printf(Locale.ROOT, "inflated to %,d trades (%d blocks of %,d; see --help): %.1f s%n",
                    f.historyRows(), f.historyRows() / f.builtRows(), f.builtRows(), f.inflateSeconds());
        }
        System.out.printf(Locale.ROOT, "incremental snapshot:            %.2f s%n", f.snapshotSeconds());
        System.out.printf(Locale.ROOT, "incremental run (models):        %.2f s (goal <= %.0f s: %s)%n", f.runSeconds(),
                GOAL_SECONDS, f.runSeconds() <= GOAL_SECONDS ? "met"
                        : String.format(Locale.ROOT, "missed by %.1f s", f.runSeconds() - GOAL_SECONDS));
        System.out.printf(Locale.ROOT, "incremental test (new rows):     %.2f s%n", f.testSeconds());
        System.out.printf(Locale.ROOT, "incremental snapshot+run+test:   %.2f s (goal <= %.0f s: %s)%n", f.incrementalSeconds(),
                GOAL_SECONDS, f.incrementalSeconds() <= GOAL_SECONDS ? "met"
                        : String.format(Locale.ROOT, "missed by %.1f s", f.incrementalSeconds() - GOAL_SECONDS));
        System.out.printf(Locale.ROOT, "  slowest nodes: %s%n", slowest(f.incrementalNodes()));
        System.out.println("  every node of the minute (s):");
        f.incrementalNodes().forEach((node, secs) -> System.out.printf(Locale.ROOT, "    %-70s %6.2f%n", node, secs));
        System.out.printf(Locale.ROOT, "test of every row (dbt test by hand; up's first run)%s: %.2f s%n",
                f.historyRows() > f.builtRows() ? ", before the minute" : "", f.everyRowTestSeconds());
        System.out.printf(Locale.ROOT, "reference, DuckDB parsing the fresh rows alone: %.2f s (incremental run = %.1fx)%n",
                f.referenceSeconds(), f.runSeconds() / f.referenceSeconds());
        System.out.printf(Locale.ROOT, "rows: silver %,d, fact %,d, distinct trades in raw (not pruned) %,d%n", f.silverRows(),
                f.factRows(), f.distinctTrades());
        System.out.println("rerun: ./cryptopipe bench transform --history " + history + " --built " + f.builtRows()
                + " --fresh " + fresh + (warehouseMemory == null ? "" : " --warehouse-memory " + warehouseMemory));
    }

    private static String slowest(Map<String, Double> nodes) {
        List<Map.Entry<String, Double>> sorted = new ArrayList<>(nodes.entrySet());
        sorted.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
        return sorted.stream().limit(6).map(e -> String.format(Locale.ROOT, "%s %.2f s", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
