package io.cryptopipe.bench.sink;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cryptopipe.bench.ScratchDirectory;
import io.cryptopipe.sink.WarehouseSinkConfig;
import io.cryptopipe.sink.WarehouseSinkTask;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * The sink task itself, driven as Connect drives it, into a DuckDB file kept at a small {@code memory_limit}
 * ({@link MemoryPressure}): every failed put is retried with the same records, every rewind the task asks for is
 * followed. At the end, with the limit lifted, the raw table must hold every offset the task reported loaded exactly
 * once, as valid JSON. {@link AppendUnderMemoryPressure} shows why that is not a given with DuckDB.
 *
 * <p>Arguments: seconds, memory limit (e.g. 40MB), DuckDB threads, records per write.
 */
public final class SinkUnderMemoryPressure {
    private static final String TOPIC = "stock_trades";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
    /** A loader's exit code when DuckDB has given up on the database. */
    private static final int INVALIDATED = 3;

    private SinkUnderMemoryPressure() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = Long.parseLong(args[0]);
        String memoryLimit = args[1];
        int threads = Integer.parseInt(args[2]);
        int batch = Integer.parseInt(args[3]);
        if (args.length == 5) {
            System.exit(load(args[4], seconds, memoryLimit, threads, batch));
        }
        Path dir = ScratchDirectory.create("sink-under-pressure");
        String url = "jdbc:duckdb:" + dir.resolve("pressure.duckdb");
        Path log = dir.resolve("loaders.log");
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        int crashes = 0;
        int restarts = 0;
        // Out of memory DuckDB may give up on the database or abort the process: either way the loader stops
        // where it is and a new one starts from the warehouse's offsets, as after a crash of `up`.
        // The last loader runs for no seconds and only opens the task: as on any start, it settles what the one
        // before it left.
        long left = seconds;
        while (true) {
            Process loader = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-cp", System.getProperty("java.class.path"), SinkUnderMemoryPressure.class.getName(),
                    Long.toString(left), memoryLimit, Integer.toString(threads), Integer.toString(batch), url)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            int exit = loader.waitFor();
            if (exit == INVALIDATED) {
                restarts++;
            } else if (exit != 0) {
                crashes++;
            }
            if (left == 0) {
                break;
            }
            left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000_000L);
        }
        System.out.println();
        String offset = "try_cast(try(RECORD_METADATA->>'offset') AS BIGINT)";
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*), count(" + offset + "), count(distinct " + offset + "), min("
                     + offset + "), max(" + offset + "), count(*) filter (where not json_valid(RECORD_CONTENT::varchar)),"
                     + " (select next_offset from public.cryptopipe_sink_offsets) from public.stock_trades_raw")) {
            rs.next();
            long rows = rs.getLong(1);
            long stored = rs.getLong(7);
            boolean exact = rows == stored && rs.getLong(2) == stored && rs.getLong(3) == stored && rs.getLong(4) == 0
                    && rs.getLong(5) == stored - 1 && rs.getLong(6) == 0;
            System.out.printf("%s: next offset stored %,d; %,d rows, %,d with readable metadata, %,d distinct offsets"
                            + " (%d..%d), %,d whose value is not valid JSON; loader restarted %d times after DuckDB gave up"
                            + " on the database, %d times after the process aborted (loaders' logs: %s, kept with -D" + ScratchDirectory.KEEP + "=true)%n",
                    exact ? "every loaded offset once" : "NOT EXACTLY ONCE", stored, rows, rs.getLong(2), rs.getLong(3),
                    rs.getLong(4), rs.getLong(5), rs.getLong(6), restarts, crashes, log);
        }
    }

    /** Loads until the deadline as Connect would; @return 0, or {@link #INVALIDATED} if DuckDB gave up the database */
    private static int load(String url, long seconds, String memoryLimit, int threads, int batch) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long failedPuts = 0;
        try (Connection keeper = DriverManager.getConnection(url)) {
            try (Statement s = keeper.createStatement()) {
                s.execute("SET memory_limit = '" + memoryLimit + "'");
                s.execute("SET threads = " + threads);
            }
            Context context = new Context();
            WarehouseSinkTask task = new WarehouseSinkTask();
            task.initialize(context);
            task.start(Map.of("topics", TOPIC, WarehouseSinkConfig.WAREHOUSE_URL, url,
                    WarehouseSinkConfig.BUFFER_COUNT_RECORDS, Integer.toString(batch),
                    WarehouseSinkConfig.BUFFER_FLUSH_TIME, "3600", WarehouseSinkConfig.RETRY_BACKOFF_MS, "10"));
            task.open(List.of(PARTITION));
            long next = context.requested.getOrDefault(PARTITION, 0L);
            context.requested.clear();
            try (MemoryPressure pressure = new MemoryPressure(url, "public.stock_trades_raw")) {
                while (System.nanoTime() < deadline) {
                    try {
                        task.put(records(next, batch));
                    } catch (RetriableException e) {
                        failedPuts++;
                        if (e.getMessage().contains("database has been invalidated")) {
                            // Closing connections now can abort the process from inside DuckDB; leave as a crash would.
                            Runtime.getRuntime().halt(INVALIDATED);
                        }
                        continue; // Connect retries a put with the same records
                    }
                    Long rewind = context.requested.remove(PARTITION);
                    next = rewind != null ? rewind : next + batch;
                    System.out.printf("\rnext offset %,d, %,d failed puts in this loader", next, failedPuts);
                }
            }
            task.close(List.of(PARTITION)); // as Connect stops a task: close its partitions, then stop it
            task.stop();
        }
        return 0;
    }

    private static List<SinkRecord> records(long first, int count) {
        List<SinkRecord> records = new ArrayList<>(count);
        for (long offset = first; offset < first + count; offset++) {
            records.add(new SinkRecord(TOPIC, 0, null, null, null, SyntheticTradeJson.trade(offset), offset,
                    1_764_000_000_000L + offset, TimestampType.CREATE_TIME));
        }
        return records;
    }

    /** What Connect's worker gives a task, as far as the sink uses it: rewinds are recorded for the loop to follow. */
    private static final class Context implements SinkTaskContext {
        final Map<TopicPartition, Long> requested = new HashMap<>();
        private final Set<TopicPartition> assignment = new HashSet<>(List.of(PARTITION));

        @Override
        public Map<String, String> configs() {
            return Map.of();
        }

        @Override
        public void offset(Map<TopicPartition, Long> offsets) {
            requested.putAll(offsets);
        }

        @Override
        public void offset(TopicPartition tp, long offset) {
            requested.put(tp, offset);
        }

        @Override
        public void timeout(long timeoutMs) {
        }

        @Override
        public Set<TopicPartition> assignment() {
            return assignment;
        }

        @Override
        public void pause(TopicPartition... partitions) {
        }

        @Override
        public void resume(TopicPartition... partitions) {
        }

        @Override
        public void requestCommit() {
        }

        @Override
        public PluginMetrics pluginMetrics() {
            return null;
        }
    }
}
