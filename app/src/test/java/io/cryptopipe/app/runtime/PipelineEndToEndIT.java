package io.cryptopipe.app.runtime;

import io.cryptopipe.app.warehouse.WarehouseFile;
import io.cryptopipe.exchangesim.ExchangeSimulator;
import io.cryptopipe.exchangesim.SimTrade;
import io.cryptopipe.orchestrate.schedule.CronSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The walking skeleton, end to end with every real part: simulator WebSocket -> ingest -> Kafka (KRaft) ->
 * Kafka Connect running the warehouse sink -> DuckDB -> the dbt project's bronze view.
 */
class PipelineEndToEndIT {
    private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT", "BNBBTC");
    private static final long TRADES_PER_SYMBOL = 1_500;

    @TempDir
    Path dataDir;

    @Test
    void everyTradeTheSimulatorEmitsLandsInTheRawTableExactlyOnceAcrossACleanStopAndRestart() throws Exception {
        Map<String, List<Long>> emitted = new HashMap<>();
        try (EmbeddedPipeline pipeline = new EmbeddedPipeline(settings(7))) {
            pipeline.start();
            ExchangeSimulator simulator = pipeline.simulator().orElseThrow();
            await().atMost(Duration.ofSeconds(60)).until(simulator::finished);
            recordHistory(simulator, emitted);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> pipeline.ingest().metrics().tradesPublished() == SYMBOLS.size() * TRADES_PER_SYMBOL);
            // Stop at once: a clean stop must still load everything ingest published.
        }
        assertEveryEmittedTradeLoadedOnce(WarehouseFile.in(dataDir), emitted, SYMBOLS.size() * TRADES_PER_SYMBOL);

        // A second run of the pipeline on the same data directory: the broker, Connect and the sink resume from
        // their stored state, earlier rows stay, and the new session's trades are added, each once.
        try (EmbeddedPipeline restarted = new EmbeddedPipeline(settings(8))) {
            restarted.start();
            ExchangeSimulator simulator = restarted.simulator().orElseThrow();
            await().atMost(Duration.ofSeconds(60)).until(simulator::finished);
            recordHistory(simulator, emitted);
            long total = 2 * SYMBOLS.size() * TRADES_PER_SYMBOL;
            awaitRawCount(restarted.warehouse(), total);
            assertEveryEmittedTradeLoadedOnce(restarted.warehouse(), emitted, total);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> bronzeCount(restarted.warehouse()) == total);
            // The DuckDB instance the whole process shares carries the default memory bound (448 MB = 427.2 MiB),
            // with the threads that memory carries: two, or one on a single core.
            try (java.sql.Connection c = restarted.warehouse().open(false); java.sql.Statement st = c.createStatement();
                 java.sql.ResultSet limit = st.executeQuery("select current_setting('memory_limit'), current_setting('threads')")) {
                limit.next();
                assertThat(limit.getString(1)).isEqualTo("427.2 MiB");
                assertThat(limit.getLong(2)).isEqualTo(Math.min(2, Runtime.getRuntime().availableProcessors()));
            }
            // The DAG runs at each start; both runs are in the history, which survived the restart.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                    count(restarted.warehouse(), "select count(*) from cryptopipe_dag_runs where state = 'success'") >= 2);
            // The next run's tests check only the rows after where the last passing one stood, and pass.
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(restarted.httpUri().resolve("/api/runs"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding());
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                    count(restarted.warehouse(), "select count(*) from cryptopipe_task_runs where task_id = 'test'"
                            + " and state = 'success' and summary like '%(rows after raw row %'") >= 1);
        }
    }

    private static void recordHistory(ExchangeSimulator simulator, Map<String, List<Long>> emitted) {
        for (String symbol : SYMBOLS) {
            emitted.computeIfAbsent(symbol, s -> new ArrayList<>())
                    .addAll(simulator.history(symbol).stream().map(SimTrade::id).toList());
        }
    }

    private static void awaitRawCount(WarehouseFile warehouse, long expected) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> count(warehouse, "select count(*) from stock_trades_raw") >= expected);
    }

    private static void assertEveryEmittedTradeLoadedOnce(WarehouseFile warehouse, Map<String, List<Long>> emitted, long total)
            throws SQLException {
        assertThat(count(warehouse, "select count(*) from stock_trades_raw")).isEqualTo(total);
        for (String symbol : SYMBOLS) {
            assertThat(tradeIdsInRaw(warehouse, symbol))
                    .as("trade ids of %s in stock_trades_raw", symbol)
                    .containsExactlyElementsOf(emitted.get(symbol).stream().sorted().toList());
        }
    }

    private PipelineSettings settings(long simSeed) {
        return new PipelineSettings(dataDir, "127.0.0.1", 0, 0, 0, PipelineSettings.Source.SIM, SYMBOLS,
                URI.create("ws://unused.invalid"), URI.create("http://unused.invalid"), "stock_trades",
                CronSchedule.parse("* * * * *"), Path.of("../warehouse").toAbsolutePath().normalize(),
                new PipelineSettings.SimSettings(0, 3_000, simSeed, TRADES_PER_SYMBOL));
    }

    private static List<Long> tradeIdsInRaw(WarehouseFile warehouse, String symbol) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection connection = warehouse.open(false);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select cast(RECORD_CONTENT->>'trade_id' as bigint) from stock_trades_raw"
                     + " where RECORD_CONTENT->>'symbol' = '" + symbol + "' order by 1")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static long bronzeCount(WarehouseFile warehouse) {
        try {
            return count(warehouse, "select count(*) from bronze_data");
        } catch (SQLException e) {
            return -1; // the first scheduled dbt run has not created the view yet
        }
    }

    private static long count(WarehouseFile warehouse, String sql) throws SQLException {
        try (Connection connection = warehouse.open(false);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
