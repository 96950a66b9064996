package io.cryptopipe.app.sink;

import io.cryptopipe.app.connect.ConnectSettings;
import io.cryptopipe.app.connect.ConnectorRegistrar;
import io.cryptopipe.app.connect.EmbeddedConnectWorker;
import io.cryptopipe.app.connect.WarehouseSinkRegistration;
import io.cryptopipe.app.kafka.BrokerSettings;
import io.cryptopipe.app.kafka.EmbeddedKafkaBroker;
import io.cryptopipe.app.warehouse.WarehouseFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * dbt rebuilds models in the same DuckDB file the sink writes to. Rebuilding reads the raw table, replaces tables
 * and swaps views in their own transactions; none of it may fail or delay the sink's writes, or lose a row.
 */
class RebuildWhileLoadingIT {
    private static final String TOPIC = "stock_trades";
    private static final int PARTITIONS = 3;

    /** What a dbt run of bronze/silver-style models does: a table materialization and views on top of it. */
    private static final String[] REBUILD = {
            "create or replace table public.trades_snapshot as select RECORD_CONTENT->>'symbol' as symbol,"
                    + " cast(RECORD_CONTENT->>'trade_id' as bigint) as trade_id, cast(RECORD_CONTENT->>'price' as decimal(18, 8)) as price"
                    + " from public.stock_trades_raw",
            "create or replace view public.trades_per_symbol as select symbol, count(*) as trades from public.trades_snapshot group by symbol",
            "create or replace view public.bronze_like as select * from public.stock_trades_raw where RECORD_CONTENT is not null",
            "select count(*) from public.trades_per_symbol"
    };

    @TempDir
    Path dir;

    @Test
    void modelRebuildsInALoopNeitherFailNorLoseTheSinksWrites() throws Exception {
        WarehouseFile warehouse = WarehouseFile.in(dir);
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(BrokerSettings.of("127.0.0.1", 0, dir.resolve("kafka")))) {
            broker.start();
            try (KafkaTopics topics = new KafkaTopics(broker.bootstrapServers());
                 CapturedWarnings warnings = new CapturedWarnings();
                 EmbeddedConnectWorker worker = new EmbeddedConnectWorker(ConnectSettings.of(broker.bootstrapServers(), "127.0.0.1", 0))) {
                topics.create(TOPIC, PARTITIONS);
                topics.create(TOPIC + "_dlq", 1);
                worker.start();
                WarehouseSinkRegistration sink = new WarehouseSinkRegistration(TOPIC, TOPIC + "_dlq", warehouse);
                Map<String, String> config = new LinkedHashMap<>(sink.config());
                // Many small commits, so writes and rebuilds interleave as often as possible.
                config.put("buffer.count.records", "100");
                config.put("buffer.flush.time", "0");
                ConnectorRegistrar registrar = new ConnectorRegistrar(worker.restUri());
                registrar.register(sink.name(), config);
                registrar.awaitRunning(sink.name(), Duration.ofSeconds(60));

                AtomicBoolean rebuilding = new AtomicBoolean(true);
                CompletableFuture<Integer> rebuilds;
                Map<Integer, Long> ends;
                try (SteadyProducer producer = new SteadyProducer(broker.bootstrapServers(), TOPIC, 10)) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> rowCount(warehouse) > 0);
                    rebuilds = CompletableFuture.supplyAsync(() -> rebuildUntilStopped(warehouse, rebuilding));
                    long rowsAtStart = rowCount(warehouse);
                    await().atMost(Duration.ofSeconds(60)).until(() -> rowCount(warehouse) > rowsAtStart + 3_000);
                }
                ends = topics.endOffsets(TOPIC, PARTITIONS);
                await().atMost(Duration.ofSeconds(60)).until(() -> topics.sinkCommitted(sink.name(), TOPIC).equals(ends));
                rebuilding.set(false);

                assertThat(rebuilds.get(30, TimeUnit.SECONDS)).as("rebuilds completed while the sink wrote").isGreaterThanOrEqualTo(5);
                assertThat(warnings.messages()).as("warnings from the sink and Connect's sink task").isEmpty();
                assertThat(RawTableOffsets.loaded(warehouse.jdbcUrl(), TOPIC)).containsExactlyElementsOf(RawTableOffsets.expected(ends));
            }
        }
    }

    /** @return how many full rebuilds ran; any failure fails the test */
    private static int rebuildUntilStopped(WarehouseFile warehouse, AtomicBoolean rebuilding) {
        int completed = 0;
        try (Connection connection = warehouse.open(false); Statement statement = connection.createStatement()) {
            while (rebuilding.get()) {
                for (String sql : REBUILD) {
                    statement.execute(sql);
                }
                completed++;
            }
        } catch (Exception e) {
            throw new IllegalStateException("rebuild " + (completed + 1) + " failed: " + e.getMessage(), e);
        }
        return completed;
    }

    private static long rowCount(WarehouseFile warehouse) throws Exception {
        try (Connection connection = warehouse.open(false); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select count(*) from public.stock_trades_raw")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
