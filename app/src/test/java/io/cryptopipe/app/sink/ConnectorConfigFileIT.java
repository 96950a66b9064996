package io.cryptopipe.app.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptopipe.app.connect.ConnectorRegistrar;
import io.cryptopipe.app.connect.WarehouseSinkRegistration;
import io.cryptopipe.app.runtime.EmbeddedPipeline;
import io.cryptopipe.app.runtime.PipelineSettings;
import io.cryptopipe.app.warehouse.WarehouseFile;
import io.cryptopipe.exchangesim.ExchangeSimulator;
import io.cryptopipe.orchestrate.schedule.CronSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The original design's step, {@code curl -X POST -H "Content-Type: application/json" -d @connector_config.json
 * http://localhost:8083/connectors}, with the DuckDB config file we ship, against the worker embedded in {@code up}.
 */
class ConnectorConfigFileIT {
    private static final Path CONFIG_FILE = Path.of("../deploy/connect/duckdb_connector_config.json").toAbsolutePath().normalize();
    private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT");
    private static final long TRADES_PER_SYMBOL = 600;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void shippedFileDescribesTheConnectorUpRegisters() throws Exception {
        JsonNode file = JSON.readTree(CONFIG_FILE.toFile());
        Map<String, String> shipped = JSON.convertValue(file.get("config"), JSON.getTypeFactory()
                .constructMapType(TreeMap.class, String.class, String.class));
        Map<String, String> embedded = new TreeMap<>(new WarehouseSinkRegistration("stock_trades", "stock_trades_dlq",
                WarehouseFile.in(Path.of("data"))).config());

        assertThat(file.get("name").asText()).isEqualTo(WarehouseSinkRegistration.NAME);
        assertThat(shipped.remove("warehouse.url")).isEqualTo("jdbc:duckdb:data/streaming_db.duckdb");
        embedded.remove("warehouse.url");
        assertThat(shipped).isEqualTo(embedded);
    }

    @Test
    void postingTheShippedFileAgainstUpIsRefusedWithConflictAndWorksOnceTheConnectorIsDeleted() throws Exception {
        try (EmbeddedPipeline pipeline = new EmbeddedPipeline(settings())) {
            pipeline.start();
            URI connect = pipeline.connectUri();

            // `up` already runs the connector this file describes: a second writer to the same table must not start.
            HttpResponse<String> duplicate = post(connect, Files.readString(CONFIG_FILE));
            assertThat(duplicate.statusCode()).isEqualTo(409);
            assertThat(duplicate.body()).contains("cryptopipe-warehouse-sink").contains("already exists");
            assertThat(get(connect, "/connectors").body()).isEqualTo("[\"cryptopipe-warehouse-sink\"]");

            assertThat(send(connect, HttpRequest.newBuilder(connect.resolve("/connectors/cryptopipe-warehouse-sink"))
                    .DELETE().build()).statusCode()).isEqualTo(204);
            await().atMost(Duration.ofSeconds(30)).until(() -> get(connect, "/connectors").body().equals("[]"));

            // The same file, pointed at this test's data directory, as a user of a fresh worker would POST it.
            ObjectNode config = (ObjectNode) JSON.readTree(CONFIG_FILE.toFile());
            ((ObjectNode) config.get("config")).put("warehouse.url", pipeline.warehouse().jdbcUrl());
            HttpResponse<String> created = post(connect, JSON.writeValueAsString(config));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            new ConnectorRegistrar(connect).awaitRunning(WarehouseSinkRegistration.NAME, Duration.ofSeconds(60));

            ExchangeSimulator simulator = pipeline.simulator().orElseThrow();
            await().atMost(Duration.ofSeconds(60)).until(simulator::finished);
            long total = SYMBOLS.size() * TRADES_PER_SYMBOL;
            await().atMost(Duration.ofSeconds(30)).until(() -> pipeline.ingest().metrics().tradesPublished() == total);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> distinctAndTotalTrades(pipeline.warehouse())[1] >= total);
            assertThat(distinctAndTotalTrades(pipeline.warehouse())).as("distinct trades, rows")
                    .containsExactly(total, total);
        }
    }

    private HttpResponse<String> post(URI connect, String body) throws Exception {
        return send(connect, HttpRequest.newBuilder(connect.resolve("/connectors"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> get(URI connect, String path) throws Exception {
        return send(connect, HttpRequest.newBuilder(connect.resolve(path)).GET().build());
    }

    private HttpResponse<String> send(URI connect, HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static long[] distinctAndTotalTrades(WarehouseFile warehouse) throws Exception {
        try (Connection connection = warehouse.open(false); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select count(distinct (RECORD_CONTENT->>'symbol', RECORD_CONTENT->>'trade_id')),"
                     + " count(*) from stock_trades_raw")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    private PipelineSettings settings() {
        return new PipelineSettings(dataDir, "127.0.0.1", 0, 0, 0, PipelineSettings.Source.SIM, SYMBOLS,
                URI.create("ws://unused.invalid"), URI.create("http://unused.invalid"), "stock_trades",
                CronSchedule.parse("0 0 1 1 *"), Path.of("../warehouse").toAbsolutePath().normalize(),
                new PipelineSettings.SimSettings(0, 400, 11, TRADES_PER_SYMBOL));
    }
}
