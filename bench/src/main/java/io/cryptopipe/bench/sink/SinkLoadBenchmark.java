package io.cryptopipe.bench.sink;

import io.cryptopipe.app.connect.ConnectSettings;
import io.cryptopipe.app.connect.ConnectorRegistrar;
import io.cryptopipe.app.connect.EmbeddedConnectWorker;
import io.cryptopipe.app.kafka.BrokerSettings;
import io.cryptopipe.app.kafka.EmbeddedKafkaBroker;
import io.cryptopipe.bench.ScratchDirectory;
import io.cryptopipe.sink.WarehouseSinkConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The warehouse sink in a real embedded Connect worker against a real embedded broker, two figures:
 * <ol>
 *   <li>throughput: a topic pre-filled with trade-shaped records is loaded from scratch; rows per second from the
 *       first committed batch to the last (and including connector start-up);</li>
 *   <li>latency at a steady 10,000 records/s: for every row, the time from its Kafka CreateTime until a poller
 *       (every 10 ms, same DuckDB instance) first sees its offset committed; p50, p99, max. Run twice: with the
 *       connector's defaults (as {@code up} registers it) and with {@code buffer.flush.time=0} (write on every put).</li>
 * </ol>
 * The reference, in the same run: DuckDB's appender alone writing the very same rows (read back from the loaded
 * table, as UTF-8 bytes like the sink appends them) into a fresh file, one flush per default buffer.
 *
 * <p>Run (from the repository root): {@code mvn -B -q -pl bench -am package dependency:build-classpath -Dmdep.outputFile=target/cp.txt -DskipTests},
 * then
 * {@code java -Xmx3g -cp "bench/target/classes:$(cat bench/target/cp.txt)" io.cryptopipe.bench.sink.SinkLoadBenchmark 1000000 20}.
 * Arguments: rows for the throughput run (default 1,000,000), seconds of the steady 10k/s run (default 20).
 */
public final class SinkLoadBenchmark {
    private static final int PARTITIONS = 3;
    private static final int STEADY_RATE = 10_000;
    private static final String[] SYMBOLS = {"BTCUSDT", "ETHUSDT", "BNBUSDT", "SOLUSDT", "XRPUSDT"};

    private final String bootstrap;
    private final String warehouseUrl;
    private final URI connect;
    private final Connection monitor;
    private final HttpClient http = HttpClient.newHttpClient();

    private SinkLoadBenchmark(String bootstrap, String warehouseUrl, URI connect) throws SQLException {
        this.bootstrap = bootstrap;
        this.warehouseUrl = warehouseUrl;
        this.connect = connect;
        this.monitor = DriverManager.getConnection(warehouseUrl);
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int steadySeconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path dir = ScratchDirectory.create("cryptopipe-bench-sink");
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(BrokerSettings.of("127.0.0.1", 0, dir.resolve("kafka")))) {
            broker.start();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("throughput", PARTITIONS, (short) 1),
                        new NewTopic("steady_default", PARTITIONS, (short) 1),
                        new NewTopic("steady_eager", PARTITIONS, (short) 1))).all().get();
            }
            try (EmbeddedConnectWorker worker = new EmbeddedConnectWorker(
                    ConnectSettings.of(broker.bootstrapServers(), "127.0.0.1", 0))) {
                worker.start();
                SinkLoadBenchmark bench = new SinkLoadBenchmark(broker.bootstrapServers(),
                        "jdbc:duckdb:" + dir.resolve("streaming_db.duckdb"), worker.restUri());
                bench.run(rows, steadySeconds, dir);
            }
        }
    }

    private void run(int rows, int steadySeconds, Path dir) throws Exception {
        long produceStart = System.nanoTime();
        produceAll("throughput", rows);
        double produceSeconds = seconds(System.nanoTime() - produceStart);

        Throughput loaded = loadFromScratch("throughput", rows);
        double appenderRate = appenderAlone(dir, "throughput_raw");
        // The steady runs measure a sink at its steady state, not the checkpoint that ends the backlog before them.
        try (Statement checkpoint = monitor.createStatement()) {
            checkpoint.execute("CHECKPOINT");
        }
        Latency defaults = steady("steady_default", steadySeconds, null);
        Latency eager = steady("steady_eager", steadySeconds, "0");

        System.out.printf(Locale.ROOT, "%n== sink: topic -> committed warehouse rows (%d cores, load average %.1f) ==%n",
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "records pre-produced:            %,d in %.1f s%n", rows, produceSeconds);
        System.out.printf(Locale.ROOT, "sink, first to last commit:      %,.0f rows/s%n", loaded.steadyRate());
        System.out.printf(Locale.ROOT, "sink, incl. connector start:     %,.0f rows/s%n", loaded.overallRate());
        System.out.printf(Locale.ROOT, "duckdb appender alone:           %,.0f rows/s%n", appenderRate);
        System.out.printf(Locale.ROOT, "ratio sink / appender:           %.0f %%%n", 100 * loaded.steadyRate() / appenderRate);
        System.out.printf(Locale.ROOT, "steady %,d/s, default buffer:     CreateTime->commit p50 %d ms, p99 %d ms, max %d ms (%,d rows)%n",
                STEADY_RATE, defaults.p50(), defaults.p99(), defaults.max(), defaults.rows());
        System.out.printf(Locale.ROOT, "steady %,d/s, buffer.flush.time=0: CreateTime->commit p50 %d ms, p99 %d ms, max %d ms (%,d rows)%n",
                STEADY_RATE, eager.p50(), eager.p99(), eager.max(), eager.rows());
        System.out.println("rerun: mvn -B -q -pl bench -am package dependency:build-classpath"
                + " -Dmdep.outputFile=target/cp.txt -DskipTests && java -Xmx3g -cp"
                + " \"bench/target/classes:$(cat bench/target/cp.txt)\" " + SinkLoadBenchmark.class.getName()
                + " " + rows + " " + steadySeconds);
    }

    private record Throughput(double steadyRate, double overallRate) {
    }

    private record Latency(long p50, long p99, long max, int rows) {
    }

    private Throughput loadFromScratch(String topic, int rows) throws Exception {
        String table = topic + "_raw";
        long registered = System.nanoTime();
        register(topic, table, null);
        long firstCommit = 0;
        long firstRows = 0;
        long loaded = 0;
        while (loaded < rows) {
            Thread.sleep(10);
            loaded = committedRows(table);
            if (firstCommit == 0 && loaded > 0) {
                firstCommit = System.nanoTime();
                firstRows = loaded;
            }
        }
        long done = System.nanoTime();
        unregister(topic);
        double steady = done > firstCommit ? (loaded - firstRows) / seconds(done - firstCommit) : Double.NaN;
        return new Throughput(steady, loaded / seconds(done - registered));
    }

    private Latency steady(String topic, int seconds, String flushTime) throws Exception {
        String table = topic + "_raw";
        register(topic, table, flushTime);
        List<long[]> samples = new ArrayList<>(); // wall ms, next offset of partitions 0..n-1
        Thread poller = new Thread(() -> pollOffsets(table, samples), "offsets-poller");
        poller.start();
        int total = produceSteadily(topic, seconds);
        while (true) {
            long[] last;
            synchronized (samples) {
                last = samples.isEmpty() ? null : samples.get(samples.size() - 1);
            }
            if (last != null && Arrays.stream(last, 1, last.length).sum() >= total) {
                break;
            }
            Thread.sleep(50);
        }
        poller.interrupt();
        poller.join();
        unregister(topic);

        long[] latencies = new long[total];
        int n = 0;
        try (Statement statement = monitor.createStatement(); ResultSet rs = statement.executeQuery(
                "select cast(RECORD_METADATA->>'partition' as integer), cast(RECORD_METADATA->>'offset' as bigint),"
                        + " cast(RECORD_METADATA->>'CreateTime' as bigint) from public." + table)) {
            while (rs.next()) {
                int partition = rs.getInt(1);
                long offset = rs.getLong(2);
                latencies[n++] = firstSeen(samples, partition, offset) - rs.getLong(3);
            }
        }
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        return new Latency(percentile(sorted, 0.50), percentile(sorted, 0.99), sorted[sorted.length - 1], n);
    }

    /** Samples the committed offsets every 10 ms; a row is committed no later than the first sample that covers it. */
    private void pollOffsets(String table, List<long[]> samples) {
        try (Connection connection = DriverManager.getConnection(warehouseUrl);
             PreparedStatement select = connection.prepareStatement("select \"partition\", next_offset from"
                     + " public.cryptopipe_sink_offsets where table_name = ?")) {
            select.setString(1, table);
            while (!Thread.currentThread().isInterrupted()) {
                long[] sample = new long[PARTITIONS + 1];
                try (ResultSet rs = select.executeQuery()) {
                    sample[0] = System.currentTimeMillis();
                    while (rs.next()) {
                        sample[1 + rs.getInt(1)] = rs.getLong(2);
                    }
                }
                synchronized (samples) {
                    samples.add(sample);
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long firstSeen(List<long[]> samples, int partition, long offset) {
        int low = 0;
        int high = samples.size() - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (samples.get(mid)[1 + partition] > offset) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return samples.get(low)[0];
    }

    private static long percentile(long[] sorted, double fraction) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(fraction * sorted.length) - 1)];
    }

    /** DuckDB's appender writing the loaded rows again into a fresh file: the ceiling for the sink's writes. */
    private double appenderAlone(Path dir, String table) throws SQLException {
        List<byte[]> metadata = new ArrayList<>();
        List<byte[]> content = new ArrayList<>();
        try (Statement statement = monitor.createStatement(); ResultSet rs = statement.executeQuery(
                "select RECORD_METADATA::varchar, RECORD_CONTENT::varchar from public." + table)) {
            while (rs.next()) {
                metadata.add(rs.getString(1).getBytes(StandardCharsets.UTF_8));
                content.add(rs.getString(2).getBytes(StandardCharsets.UTF_8));
            }
        }
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("reference.duckdb"))) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("create table reference_raw (RECORD_METADATA JSON, RECORD_CONTENT JSON)");
            }
            int defaultBufferRecords = (Integer) WarehouseSinkConfig.configDef().configKeys()
                    .get(WarehouseSinkConfig.BUFFER_COUNT_RECORDS).defaultValue;
            long start = System.nanoTime();
            try (DuckDBAppender appender = connection.unwrap(DuckDBConnection.class).createAppender("main", "reference_raw")) {
                for (int i = 0; i < metadata.size(); i++) {
                    appender.beginRow().append(metadata.get(i)).append(content.get(i)).endRow();
                    if ((i + 1) % defaultBufferRecords == 0) {
                        appender.flush();
                    }
                }
            }
            return metadata.size() / seconds(System.nanoTime() - start);
        }
    }

    /** @param flushTime buffer.flush.time, or null for the connector's defaults as {@code up} registers it */
    private void register(String topic, String table, String flushTime) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "io.cryptopipe.sink.WarehouseSinkConnector");
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        config.put("warehouse.url", warehouseUrl);
        config.put("warehouse.table", table);
        if (flushTime != null) {
            config.put("buffer.flush.time", flushTime);
        }
        ConnectorRegistrar registrar = new ConnectorRegistrar(connect);
        registrar.register(topic, config);
        registrar.awaitRunning(topic, Duration.ofSeconds(60));
    }

    private void unregister(String connector) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(connect.resolve("/connectors/" + connector))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 204) {
            throw new IllegalStateException("cannot delete connector " + connector + ": " + response.body());
        }
    }

    private long committedRows(String table) throws SQLException {
        try (PreparedStatement select = monitor.prepareStatement("select coalesce(sum(next_offset), 0) from"
                + " public.cryptopipe_sink_offsets where table_name = ?")) {
            select.setString(1, table);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private KafkaProducer<String, String> producer() {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrap);
        props.put("linger.ms", "5");
        props.put("compression.type", "lz4");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private void produceAll(String topic, int rows) {
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < rows; i++) {
                String symbol = SYMBOLS[i % SYMBOLS.length];
                producer.send(new ProducerRecord<>(topic, symbol, trade(symbol, i)));
            }
            producer.flush();
        }
    }

    /** Sends 10 records every millisecond of wall time, catching up if it falls behind; returns how many it sent. */
    private int produceSteadily(String topic, int seconds) {
        int total = STEADY_RATE * seconds;
        try (KafkaProducer<String, String> producer = producer()) {
            long start = System.nanoTime();
            int sent = 0;
            while (sent < total) {
                long due = Math.min(total, (System.nanoTime() - start) / 1_000_000L * STEADY_RATE / 1_000);
                for (; sent < due; sent++) {
                    String symbol = SYMBOLS[sent % SYMBOLS.length];
                    producer.send(new ProducerRecord<>(topic, symbol, trade(symbol, sent)));
                }
                Thread.onSpinWait();
                if (sent >= due) {
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
            producer.flush();
            return sent;
        }
    }

    /** The normalised trade value ingest publishes, same fields and size. */
    private static String trade(String symbol, long id) {
        long micros = 1_764_000_000_000_000L + id * 1_000;
        return "{\"symbol\":\"" + symbol + "\",\"trade_id\":" + (6_720_857_582L + id) + ",\"price\":\"83034.29000000\","
                + "\"quantity\":\"0.00062000\",\"trade_time_us\":" + micros + ",\"event_time_us\":" + micros
                + ",\"is_buyer_maker\":true,\"received_at_us\":" + (micros + 850) + ",\"source\":\"ws\"}";
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
