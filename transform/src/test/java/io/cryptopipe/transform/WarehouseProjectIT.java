package io.cryptopipe.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real {@code warehouse/} project against a DuckDB file holding raw rows as the sink writes them. */
class WarehouseProjectIT {
    private static final Path WAREHOUSE_PROJECT = Path.of("../warehouse");
    /** The trade of DESIGN.md, as ingest produces it to Kafka. */
    private static final String TRADE = """
            {"exchange":"binance","symbol":"BTCUSDT","trade_id":6720857582,"price":"83034.29000000",\
            "quantity":"0.00062000","is_buyer_maker":true,"trade_time_us":1790649901913000,\
            "event_time_us":1790649901913000,"ingest_time_us":1790649901950123,"source":"ws"}""";
    private static final String SELL = TRADE.replace("6720857582", "6720857583").replace("83034.29000000", "83034.30000000")
            .replace("\"is_buyer_maker\":true", "\"is_buyer_maker\":false").replace("\"ws\"", "\"backfill\"");

    @TempDir
    Path dataDir;

    private String jdbcUrl() {
        return "jdbc:duckdb:" + dataDir.resolve("streaming_db.duckdb");
    }

    @BeforeEach
    void landRawRecordsLikeTheSink() throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl());
             Statement ddl = connection.createStatement()) {
            ddl.execute("create schema public");
            ddl.execute("create table public.stock_trades_raw (RECORD_METADATA JSON, RECORD_CONTENT JSON)");
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into public.stock_trades_raw values (?, ?)")) {
                insert.setString(1, metadata(41, 1790649902000L));
                insert.setString(2, TRADE);
                insert.addBatch();
                insert.setString(1, metadata(42, 1790649902001L));
                insert.setString(2, SELL);
                insert.addBatch();
                insert.executeBatch();
            }
        }
    }

    private static String metadata(long offset, long loadedAtMs) {
        return """
                {"topic":"stock_trades","partition":0,"offset":%d,"key":"BTCUSDT","CreateTime":1790649901951,\
                "LoadedAt":%d}""".formatted(offset, loadedAtMs);
    }

    private EngineOptions options() {
        return new EngineOptions(WAREHOUSE_PROJECT, WAREHOUSE_PROJECT, null,
                Map.of("CRYPTOPIPE_DATA_DIR", dataDir.toString()), Map.of(), dataDir.resolve("dbt"));
    }

    private RunResults runProject() {
        // bronze only: silver and gold read snapshots, which `run` does not build (build covers them below)
        return new DbtEngine(options()).run(List.of("bronze_data"));
    }

    @Test
    void buildsBronzeDataAsATypedViewOverTheRawTable() throws Exception {
        RunResults results = runProject();

        assertThat(results.summary()).isEqualTo("Done. PASS=1 WARN=0 ERROR=0 SKIP=0 TOTAL=1");
        try (Connection connection = DriverManager.getConnection(jdbcUrl());
             Statement query = connection.createStatement();
             ResultSet row = query.executeQuery("select * from streaming_db.public.bronze_data order by trade_id")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString("exchange")).isEqualTo("binance");
            assertThat(row.getString("symbol")).isEqualTo("BTCUSDT");
            assertThat(row.getObject("trade_id")).isEqualTo(6720857582L);
            assertThat(row.getObject("price")).isEqualTo("83034.29000000");
            assertThat(new BigDecimal(row.getString("quantity"))).isEqualByComparingTo("0.00062");
            assertThat(row.getObject("is_buyer_maker")).isEqualTo(true);
            assertThat(row.getObject("trade_time_us")).isEqualTo(1790649901913000L);
            assertThat(row.getObject("event_time_us")).isEqualTo(1790649901913000L);
            assertThat(row.getObject("ingest_time_us")).isEqualTo(1790649901950123L);
            assertThat(row.getString("source")).isEqualTo("ws");
            assertThat(row.getString("kafka_topic")).isEqualTo("stock_trades");
            assertThat(row.getObject("kafka_partition")).isEqualTo(0);
            assertThat(row.getObject("kafka_offset")).isEqualTo(41L);
            assertThat(row.getObject("loaded_at", Timestamp.class).toInstant())
                    .isEqualTo(Instant.ofEpochMilli(1790649902000L));

            assertThat(row.next()).isTrue();
            assertThat(row.getObject("is_buyer_maker")).isEqualTo(false);
            assertThat(row.getString("source")).isEqualTo("backfill");
            assertThat(row.getObject("kafka_offset")).isEqualTo(42L);
            assertThat(row.next()).isFalse();
        }
    }

    @Test
    void bronzeDataIsAViewSoNewRawRowsShowUpWithoutARebuild() throws Exception {
        runProject();

        try (Connection connection = DriverManager.getConnection(jdbcUrl());
             Statement statement = connection.createStatement()) {
            statement.execute("insert into public.stock_trades_raw values ('" + metadata(43, 1790649903000L)
                    + "', '" + TRADE.replace("6720857582", "6720857599") + "')");
            try (ResultSet count = statement.executeQuery("select count(*) from public.bronze_data")) {
                count.next();
                assertThat(count.getLong(1)).isEqualTo(3);
            }
            try (ResultSet type = statement.executeQuery("select table_type from information_schema.tables "
                    + "where table_schema = 'public' and table_name = 'bronze_data'")) {
                type.next();
                assertThat(type.getString(1)).isEqualTo("VIEW");
            }
        }
    }

    @Test
    void writesDbtShapedArtifacts() throws Exception {
        runProject();

        ObjectMapper json = new ObjectMapper();
        JsonNode runResults = json.readTree(dataDir.resolve("dbt/run_results.json").toFile());
        JsonNode result = runResults.path("results").get(0);
        assertThat(result.path("unique_id").asText()).isEqualTo("model.cryptopipe.bronze_data");
        assertThat(result.path("status").asText()).isEqualTo("success");
        assertThat(result.path("relation_name").asText()).isEqualTo("\"streaming_db\".\"public\".\"bronze_data\"");
        assertThat(runResults.path("metadata").path("dbt_schema_version").asText()).contains("run-results");

        JsonNode manifest = json.readTree(dataDir.resolve("dbt/manifest.json").toFile());
        assertThat(manifest.path("nodes").path("model.cryptopipe.bronze_data").path("config")
                .path("materialized").asText()).isEqualTo("view");
        assertThat(manifest.path("parent_map").path("model.cryptopipe.bronze_data").get(0).asText())
                .isEqualTo("source.cryptopipe.kafka.stock_trades_raw");
        assertThat(dataDir.resolve("dbt/compiled/cryptopipe/models/bronze/bronze_data.sql")).exists();
    }

    @Test
    void buildPrintsDbtLinesAndWritesBothArtifacts() throws Exception {

        RunResults results = new DbtEngine(options()).build(BuildRequest.of(List.of()));

        assertThat(results.success()).as("%s", results.failures()).isTrue();
        assertThat(results.lines()).anyMatch(l -> l.matches("1 of \\d+ START sql view model public\\.bronze_data \\.+ \\[RUN]"))
                .anyMatch(l -> l.matches("1 of \\d+ OK created sql view model public\\.bronze_data \\.+ \\[OK in \\d+\\.\\d\\ds]"))
                .last().asString().matches("Done\\. PASS=\\d+ WARN=0 ERROR=0 SKIP=0 TOTAL=\\d+");
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(dataDir.resolve("dbt/run_results.json").toFile()).at("/args/which").asText())
                .isEqualTo("build");
        assertThat(json.readTree(dataDir.resolve("dbt/manifest.json").toFile()).at("/metadata/project_name")
                .asText()).isEqualTo("cryptopipe");
    }

    @Test
    void aModelsCompiledSqlIsNotOverwrittenByItsTestsWhichGoUnderTheirPropertiesFile() throws Exception {

        RunResults results = new DbtEngine(options()).build(BuildRequest.of(List.of()));

        assertThat(results.success()).as("%s", results.failures()).isTrue();
        Path compiled = dataDir.resolve("dbt/compiled/cryptopipe/models/silver");
        assertThat(Files.readString(compiled.resolve("silver_trades.sql"))).contains("first_arrival");
        assertThat(Files.readString(compiled.resolve("schema.yml/not_null_silver_trades_trade_id.sql")))
                .contains("trade_id is null");
        assertThat(Files.readString(dataDir.resolve("dbt/run/cryptopipe/models/silver/silver_trades.sql")))
                .contains("first_arrival");
    }
}
