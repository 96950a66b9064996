package io.cryptopipe.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptopipe.app.connect.WarehouseSinkRegistration;
import io.cryptopipe.app.runtime.EmbeddedPipeline;
import io.cryptopipe.app.runtime.PipelineSettings;
import io.cryptopipe.app.warehouse.WarehouseFile;
import io.cryptopipe.bench.IngestProducerProps;
import io.cryptopipe.bench.ScratchDirectory;
import io.cryptopipe.ingest.IngestConfig;
import io.cryptopipe.ingest.IngestMetrics;
import io.cryptopipe.ingest.publish.ProducerProperties;
import io.cryptopipe.ingest.publish.TopicInitializer;
import io.cryptopipe.orchestrate.schedule.CronSchedule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.tools.ConsumerPerformance;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * The whole embedded pipeline under load, as {@code up --source sim} runs it: the exchange simulator streams
 * trades over many symbols through the real WebSocket client, the embedded KRaft broker, the embedded Connect
 * worker and our sink into a DuckDB file, while the scheduler runs the DAG every minute.
 *
 * <p>Phase 1, after a short warm-up and once the DAG run {@code up} starts with (a full build of every model) has
 * ended, measures the pipeline as shipped in its steady state: trades committed to the raw table per second,
 * latency from each trade's exchange time to the first poll (every 100 ms) that can query it in the raw table, the
 * process's CPU use and peak RSS, and the time from start to the first raw row. Phase 2 triggers the DAG back to
 * back through the pipeline's API and measures the time from each trade to the end of the run that made it
 * queryable in {@code silver_trades}. Then, against the same broker, Kafka's own ProducerPerformance and
 * ConsumerPerformance with the same record size (the producer with ingest's own settings), and our rate as a share of
 * theirs.
 */
public final class EndToEndBenchmark {
    /** Latency histogram resolution and range. */
    private static final int BUCKET_MS = 10;
    private static final int BUCKETS = 120_000 / BUCKET_MS;
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(5);
    private static final Duration RUN_POLL = Duration.ofMillis(50);
    /** Same partition count as stock_trades, so the tools and the pipeline spread over the broker alike. */
    private static final String PERF_TOPIC = "perf_reference";
    private static final String TRADES_TOPIC = IngestConfig.DEFAULT_TOPIC;

    /** What the run is asked to do. */
    /** @param rampUpSeconds the simulator's rate climbs to {@code rate} over this long; the window opens after it */
    /** @param refreshInterval up's --refresh-interval: the incremental models' refresh between the DAG runs */
    public record Options(int durationSeconds, double rate, int symbols, Path projectDir, int perfRecords,
                          String warehouseMemory, int rampUpSeconds, Duration refreshInterval) {
    }

    /** What it measured; latencies in ms. */
    public record Figures(double rate, double tradesPerSecond, long rawRows, double secondsToFirstRow,
                          Percentiles toRaw, Percentiles toGold, GoldRefreshes refreshes, Percentiles toSilver, int dagRuns, int failedDagRuns, double cpuPercentOfMachine,
                          long peakRssBytes, double producerPerfRate, double consumerPerfRate, double loadAverage,
                          IngestMetrics ingest, GcActivity gc, ThreadAllocation.InWindow allocation,
                          ProducerBatches batches) {
    }

    /**
     * The JVM's garbage collections in the window. At 100k trades/s the share of it spent paused moved with the heap
     * and with the committed rate (docs/BENCHMARKS.md, e2e runs 69-85).
     */
    public record GcActivity(long maxHeapBytes, long collections, long pauseMillis, double windowSeconds) {
        static GcActivity since(GcActivity start, double windowSeconds) {
            GcActivity now = now();
            return new GcActivity(now.maxHeapBytes, now.collections - start.collections,
                    now.pauseMillis - start.pauseMillis, windowSeconds);
        }

        /**
         * Collections and their time so far, summed over the JVM's collectors: with G1 on Java 17 its young, mixed and
         * full collections, not the remark and cleanup pauses of its concurrent cycles (Java 20 added a bean for those).
         */
        static GcActivity now() {
            long collections = 0;
            long millis = 0;
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                collections += Math.max(0, collector.getCollectionCount());
                millis += Math.max(0, collector.getCollectionTime());
            }
            return new GcActivity(Runtime.getRuntime().maxMemory(), collections, millis, 0);
        }

        public double pauseShare() {
            return windowSeconds == 0 ? 0 : pauseMillis / 1000.0 / windowSeconds;
        }
    }

    /**
     * The pipeline's own account of its gold refreshes at the window's end ({@code /api/pipeline}, stage gold).
     *
     * @param lagP99Seconds the pipeline's trade -> gold p99 over its last minute, for comparison with the poll's
     */
    public record GoldRefreshes(long refreshes, long failures, double lastSeconds, double lagP99Seconds) {
    }

    /** p50, p95, p99 and max of a latency distribution, in ms; count 0 when nothing was observed. */
    public record Percentiles(long count, long p50, long p95, long p99, long max) {
        static Percentiles of(long[] histogram) {
            long count = 0;
            int last = 0;
            for (int i = 0; i < histogram.length; i++) {
                count += histogram[i];
                if (histogram[i] > 0) {
                    last = i;
                }
            }
            return new Percentiles(count, at(histogram, count, 0.50), at(histogram, count, 0.95),
                    at(histogram, count, 0.99), (long) (last + 1) * BUCKET_MS);
        }

        private static long at(long[] histogram, long count, double fraction) {
            long rank = (long) Math.ceil(fraction * count);
            long seen = 0;
            for (int i = 0; i < histogram.length; i++) {
                seen += histogram[i];
                if (seen >= rank && rank > 0) {
                    return (long) (i + 1) * BUCKET_MS;
                }
            }
            return 0;
        }

        public String describe() {
            return count == 0 ? "none observed" : String.format(Locale.ROOT, "p50 %,d ms, p95 %,d ms, p99 %,d ms, max %,d ms (%,d trades)",
                    p50, p95, p99, max, count);
        }
    }

    private final Options options;
    private final Consumer<String> progress;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    public EndToEndBenchmark(Options options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    public Figures run() throws Exception {
        Path dataDir = ScratchDirectory.create("cryptopipe-bench-e2e");
        List<String> symbols = symbols(options.symbols());
        PipelineSettings settings = new PipelineSettings(dataDir, "127.0.0.1", 0, 0, 0, PipelineSettings.Source.SIM,
                symbols, URI.create("ws://unused.invalid"), URI.create("http://unused.invalid"), TRADES_TOPIC,
                CronSchedule.parse("* * * * *"), options.projectDir(),
                new PipelineSettings.SimSettings(0, options.rate(), 42, 0, Duration.ofSeconds(options.rampUpSeconds())), Optional.empty(), options.warehouseMemory())
                .withRefreshInterval(options.refreshInterval());
        long wallStart = System.nanoTime();
        try (EmbeddedPipeline pipeline = new EmbeddedPipeline(settings)) {
            pipeline.start();
            WarehouseFile warehouse = pipeline.warehouse();
            try (Connection c = warehouse.open(false)) {
                double toFirstRow = awaitFirstRow(c, wallStart);
                // Like a JMH warm-up: the window measures the full rate after JIT compilation and the start-up
                // transients, not a cold JVM hit by it at once (docs/BENCHMARKS.md, e2e, on --ramp-up 0).
                long warmUpEnd = Math.max(System.nanoTime() + WARM_UP.toNanos(),
                        wallStart + Duration.ofSeconds(options.rampUpSeconds()).plus(WARM_UP).toNanos());
                progress.accept(String.format(Locale.ROOT, "first raw row %.1f s after start; warming up %.0f s (rate climbing"
                        + " to the full rate over the first %d s) ...", toFirstRow, (warmUpEnd - System.nanoTime()) / 1e9,
                        options.rampUpSeconds()));
                Thread.sleep(Math.max(0, (warmUpEnd - System.nanoTime()) / 1_000_000));
                long[] toSilver = new long[BUCKETS];
                DagLoop dag = new DagLoop(pipeline.httpUri(), warehouse, toSilver);
                // The goal is about the steady state: the one full build `up` makes at start (seconds of both
                // cores) is a start-up transient, like the JIT's, so it ends before the window opens.
                progress.accept("waiting for the DAG run up starts with (a full build) to end ...");
                dag.awaitAnyRunEnded();
                if (!options.refreshInterval().isZero()) {
                    // Likewise the first gold refresh: a cold JIT parsing the project and compiling the models.
                    progress.accept("waiting for the first gold refresh ...");
                    awaitFirstRefresh(pipeline.httpUri());
                }

                // Phase 1, the pipeline as `up` runs it (DAG every minute, gold refreshed in between): throughput,
                // raw and gold latency, CPU, memory.
                long[] toRaw = new long[BUCKETS];
                long[] toGold = new long[BUCKETS];
                long firstRowId = maxRowId(c);
                long lastRowId = firstRowId;
                long lastFactRow = maxFactRow(c);
                long cpuStart = processCpuNanos();
                GcActivity gcStart = GcActivity.now();
                ThreadAllocation allocationStart = ThreadAllocation.now();
                long windowStart = System.nanoTime();
                long end = windowStart + Duration.ofSeconds(options.durationSeconds()).toNanos();
                long nextReport = windowStart + REPORT_EVERY.toNanos();
                while (System.nanoTime() < end) {
                    Thread.sleep(POLL.toMillis());
                    lastRowId = observe(c, lastRowId, toRaw);
                    lastFactRow = observeGold(c, lastFactRow, toGold);
                    if (System.nanoTime() >= nextReport) {
                        double elapsed = (System.nanoTime() - windowStart) / 1e9;
                        progress.accept(String.format(Locale.ROOT, "%4.0f s: %,.0f trades/s into raw; RSS %,d MiB, DuckDB %,d MiB",
                                elapsed, (lastRowId - firstRowId) / elapsed, rssBytes("VmRSS:") >> 20, duckDbMemoryBytes(c) >> 20));
                        nextReport += REPORT_EVERY.toNanos();
                    }
                }
                long window = System.nanoTime() - windowStart;
                double cpu = 100.0 * (processCpuNanos() - cpuStart) / window / Runtime.getRuntime().availableProcessors();
                GcActivity gc = GcActivity.since(gcStart, window / 1e9);
                ThreadAllocation.InWindow allocation = allocationStart.since();
                ProducerBatches batches = ProducerBatches.of(ProducerProperties.CLIENT_ID, TRADES_TOPIC);
                long rows = lastRowId - firstRowId;
                long peakRss = peakRssBytes();
                // From start to the window's end: a disconnect during the warm-up shows as reconnects and REST fills.
                IngestMetrics ingest = pipeline.ingest().metrics();
                GoldRefreshes refreshes = goldRefreshes(pipeline.httpUri());

                // Phase 2: the DAG triggered back to back, for the shortest trade -> silver the engine can give.
                progress.accept(String.format(Locale.ROOT, "DAG (snapshot, run, test) back to back for %d s ...",
                        options.durationSeconds()));
                Thread dagThread = new Thread(dag, "bench-dag-runs");
                dagThread.start();
                Thread.sleep(Duration.ofSeconds(options.durationSeconds()).toMillis());
                dag.stop();
                dagThread.join(Duration.ofMinutes(5).toMillis());

                pipeline.simulator().ifPresent(sim -> sim.close());
                // The reference gets the machine to itself: a sink still loading its backlog, or a DAG run, beside
                // the perf tools slowed them down to a quarter and flattered our share (docs/BENCHMARKS.md e2e, run 64).
                progress.accept("pausing the sink and waiting for any DAG run to end, so the perf tools run alone ...");
                pauseSink(pipeline.connectUri());
                dag.awaitNoRunRunning();
                byte[] payload = samplePayload(c);
                progress.accept("Kafka's ProducerPerformance and ConsumerPerformance on the same broker ...");
                new TopicInitializer(IngestConfig.DEFAULT_PARTITIONS, IngestConfig.DEFAULT_REPLICATION_FACTOR).ensureTopics(
                        Map.of("bootstrap.servers", pipeline.bootstrapServers()), List.of(PERF_TOPIC), Duration.ofSeconds(30));
                double producerRate = producerPerformance(pipeline.bootstrapServers(), dataDir, payload, options.perfRecords());
                double consumerRate = consumerPerformance(pipeline.bootstrapServers(), options.perfRecords());
                return new Figures(options.rate(), rows / (window / 1e9), rows, toFirstRow, Percentiles.of(toRaw),
                        Percentiles.of(toGold), refreshes, Percentiles.of(toSilver), dag.runs(), dag.failures(), cpu, peakRss, producerRate, consumerRate,
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), ingest, gc, allocation, batches);
            }
        }
    }

    private void pauseSink(URI connect) throws Exception {
        URI connector = connect.resolve("/connectors/" + WarehouseSinkRegistration.NAME + "/");
        HttpResponse<String> paused = http.send(HttpRequest.newBuilder(connector.resolve("pause"))
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (paused.statusCode() != 202) {
            throw new IllegalStateException("pausing the sink answered " + paused.statusCode() + ": " + paused.body());
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = json.readTree(http.send(HttpRequest.newBuilder(connector.resolve("status")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            boolean allPaused = "PAUSED".equals(status.path("connector").path("state").asText());
            for (JsonNode task : status.path("tasks")) {
                allPaused &= "PAUSED".equals(task.path("state").asText());
            }
            if (allPaused) {
                return;
            }
            Thread.sleep(RUN_POLL.toMillis());
        }
        throw new IllegalStateException("the sink did not pause within a minute");
    }

    private static List<String> symbols(int count) {
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            symbols.add(String.format(Locale.ROOT, "S%03dUSDT", i));
        }
        return symbols;
    }

    private static double awaitFirstRow(Connection c, long wallStart) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (maxRowId(c) >= 0) {
                return (System.nanoTime() - wallStart) / 1e9;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no trade reached the raw table within 2 minutes");
    }

    private static long maxRowId(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select coalesce(max(rowid), -1) from public.stock_trades_raw")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long maxFactRow(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select coalesce(max(raw_row_id), -1) from public.fact_trades")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Adds the latency of every trade that reached gold since the last poll: consumption_trades is fact_trades joined
     * with its dimension version (a view), so a trade is there as soon as its fact row is committed; the facts carry
     * the raw row position that finds the new ones.
     */
    private static long observeGold(Connection c, long afterFactRow, long[] histogram) throws SQLException {
        return addLatencies(c, "epoch_us(trade_time)", "raw_row_id", "public.fact_trades",
                System.currentTimeMillis() * 1000, afterFactRow, histogram);
    }

    private void awaitFirstRefresh(URI api) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (goldRefreshes(api).refreshes() == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no gold refresh succeeded within 5 minutes");
            }
            Thread.sleep(RUN_POLL.toMillis());
        }
    }

    private GoldRefreshes goldRefreshes(URI api) throws Exception {
        JsonNode status = json.readTree(http.send(HttpRequest.newBuilder(api.resolve("/api/pipeline")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
        for (JsonNode stage : status.path("stages")) {
            if ("gold".equals(stage.path("name").asText())) {
                JsonNode d = stage.path("detail");
                return new GoldRefreshes(d.path("refreshes").asLong(), d.path("failedRefreshes").asLong(),
                        d.path("lastRefreshSeconds").asDouble(), d.path("lagP99Seconds").asDouble());
            }
        }
        return new GoldRefreshes(0, 0, 0, 0);
    }

    /** Adds the latency of every row committed since {@code afterRowId} to the histogram; returns the new last row id. */
    private static long observe(Connection c, long afterRowId, long[] histogram) throws SQLException {
        return addLatencies(c, "cast(RECORD_CONTENT->>'trade_time_us' as bigint)", "rowid", "public.stock_trades_raw",
                System.currentTimeMillis() * 1000, afterRowId, histogram);
    }

    /**
     * Adds {@code nowMicros - tradeTimeMicros} of every row after {@code afterRowId} to the histogram, grouped in SQL
     * so that a poll moves counts, not rows; returns the new last row id.
     */
    private static long addLatencies(Connection c, String tradeTimeMicros, String rowId, String table, long nowMicros,
                                     long afterRowId, long[] histogram) throws SQLException {
        long last = afterRowId;
        try (PreparedStatement q = c.prepareStatement("select least(" + (BUCKETS - 1) + ", greatest(0, (? - "
                + tradeTimeMicros + ") // " + (BUCKET_MS * 1000) + ")) as bucket, count(*), max(" + rowId + ") from "
                + table + " where " + rowId + " > ? group by 1")) {
            q.setLong(1, nowMicros);
            q.setLong(2, afterRowId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    histogram[rs.getInt(1)] += rs.getLong(2);
                    last = Math.max(last, rs.getLong(3));
                }
            }
        }
        return last;
    }

    /**
     * Triggers the pipeline's DAG through its own API as soon as the previous run ends, and after each run adds, for
     * every trade it brought into silver, the time from the trade to the end of that run.
     */
    private final class DagLoop implements Runnable {
        private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
        private final URI runsUri;
        private final WarehouseFile warehouse;
        private final long[] histogram;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private volatile int runs;
        private volatile int failures;

        DagLoop(URI api, WarehouseFile warehouse, long[] histogram) {
            this.runsUri = api.resolve("/api/runs");
            this.warehouse = warehouse;
            this.histogram = histogram;
        }

        int runs() {
            return runs;
        }

        int failures() {
            return failures;
        }

        void stop() {
            running.set(false);
        }

        @Override
        public void run() {
            try (Connection c = warehouse.open(false)) {
                long last = maxSilverRowId(c);
                while (running.get()) {
                    Set<String> before = new HashSet<>();
                    recentRuns().forEach(r -> before.add(r.path("runId").asText()));
                    send(HttpRequest.newBuilder(runsUri).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{}")));
                    JsonNode finished = awaitNewManualRun(before);
                    long finishedAtMicros = System.currentTimeMillis() * 1000;
                    if (!"SUCCESS".equals(finished.path("state").asText())) {
                        failures++;
                        progress.accept("DAG run " + finished.path("runId").asText() + " ended " + finished.path("state").asText());
                    }
                    runs++;
                    last = observeSilver(c, last, finishedAtMicros);
                }
            } catch (Exception e) {
                progress.accept("DAG loop stopped: " + e);
            }
        }

        private JsonNode awaitNewManualRun(Set<String> before) throws Exception {
            return awaitEnded(run -> "MANUAL".equals(run.path("trigger").asText())
                    && !before.contains(run.path("runId").asText()), "the triggered DAG run");
        }

        void awaitAnyRunEnded() throws Exception {
            awaitEnded(run -> true, "the DAG run up starts with");
        }

        void awaitNoRunRunning() throws Exception {
            long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
            while (recentRuns().stream().anyMatch(run -> run.path("end").isNull() || run.path("end").isMissingNode())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("a DAG run did not end within " + RUN_TIMEOUT.toMinutes() + " minutes");
                }
                Thread.sleep(RUN_POLL.toMillis());
            }
        }

        /** The first recent run that {@code wanted} matches and that has ended. */
        private JsonNode awaitEnded(java.util.function.Predicate<JsonNode> wanted, String what) throws Exception {
            long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (JsonNode run : recentRuns()) {
                    if (wanted.test(run) && !run.path("end").isNull() && !run.path("end").isMissingNode()) {
                        return run;
                    }
                }
                Thread.sleep(RUN_POLL.toMillis());
            }
            throw new IllegalStateException(what + " did not end within " + RUN_TIMEOUT.toMinutes() + " minutes");
        }

        private List<JsonNode> recentRuns() throws Exception {
            JsonNode body = json.readTree(send(HttpRequest.newBuilder(URI.create(runsUri + "?limit=5")).GET()));
            List<JsonNode> runs = new ArrayList<>();
            body.path("runs").forEach(r -> runs.add(r.path("run")));
            return runs;
        }

        private String send(HttpRequest.Builder request) throws Exception {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(request.build().uri() + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        }

        private long maxSilverRowId(Connection c) {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select coalesce(max(raw_row_id), -1) from public.silver_trades")) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException noSilverYet) {
                return -1;
            }
        }

        private long observeSilver(Connection c, long afterRowId, long builtAtMicros) throws SQLException {
            return addLatencies(c, "epoch_us(trade_time)", "raw_row_id", "public.silver_trades", builtAtMicros,
                    afterRowId, histogram);
        }
    }

    private static byte[] samplePayload(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select RECORD_CONTENT::varchar from public.stock_trades_raw limit 1")) {
            rs.next();
            return rs.getString(1).getBytes(StandardCharsets.UTF_8);
        }
    }

    private static double producerPerformance(String bootstrap, Path dir, byte[] payload, int records) throws Exception {
        Path payloads = Files.write(dir.resolve("perf-payload.txt"), payload);
        List<String> args = new ArrayList<>(List.of("--topic", PERF_TOPIC, "--num-records", Integer.toString(records),
                "--throughput", "-1", "--payload-file", payloads.toString(), "--producer-props"));
        args.addAll(IngestProducerProps.forPerfTool(bootstrap));
        String output = captureStdout(() -> ProducerPerformance.main(args.toArray(String[]::new)));
        String last = null;
        for (String line : output.lines().toList()) {
            if (line.contains("records sent")) {
                last = line;
            }
        }
        if (last == null) {
            throw new IllegalStateException("ProducerPerformance printed no result:\n" + output);
        }
        String[] parts = last.split(",");
        return Double.parseDouble(parts[1].trim().split(" ")[0]);
    }

    private static double consumerPerformance(String bootstrap, int records) throws Exception {
        String output = captureStdout(() -> ConsumerPerformance.main(new String[]{"--bootstrap-server", bootstrap,
                "--topic", PERF_TOPIC, "--messages", Integer.toString(records), "--timeout", "60000"}));
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("nMsg.sec")) {
                header = i;
            }
        }
        if (header < 0 || header + 1 >= lines.size()) {
            throw new IllegalStateException("ConsumerPerformance printed no result:\n" + output);
        }
        List<String> names = List.of(lines.get(header).split(",\\s*"));
        String[] values = lines.get(header + 1).split(",\\s*");
        return Double.parseDouble(values[names.indexOf("nMsg.sec")].trim());
    }

    private interface Action {
        void run() throws Exception;
    }

    private static String captureStdout(Action action) throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(console);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Memory DuckDB's buffer manager holds (its cache of blocks included), as {@code duckdb_memory()} tells it. */
    private static long duckDbMemoryBytes(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select coalesce(sum(memory_usage_bytes), 0) from duckdb_memory()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** VmHWM: the most resident memory this process ever had (Linux), 0 where /proc is absent. */
    static long peakRssBytes() {
        return rssBytes("VmHWM:");
    }

    /** A resident-memory line of /proc/self/status (Linux), 0 where /proc is absent. */
    private static long rssBytes(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
