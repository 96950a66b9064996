package io.cryptopipe.app.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptopipe.sink.WarehouseSinkConnector;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The connector configs users POST to Kafka Connect (the original design's step 5): Snowflake's, against the keys its
 * connector (3.x, Snowpipe Streaming) requires, and ours for DuckDB, against our sink's own validation.
 * Snowflake's connector itself is not on this classpath and no Snowflake account is reached.
 */
class ConnectorConfigFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Required by the connector's config validation (snowflake-kafka-connector 3.x: DefaultConnectorConfigValidator
     * and, for SNOWPIPE_STREAMING, StreamingConfigValidator, which also requires the role).
     */
    private static final List<String> SNOWFLAKE_REQUIRED = List.of("connector.class", "topics", "snowflake.url.name",
            "snowflake.user.name", "snowflake.private.key", "snowflake.database.name", "snowflake.schema.name",
            "snowflake.role.name", "key.converter", "value.converter");
    /** Snowpipe Streaming rejects Snowflake's own converters. */
    private static final Set<String> SNOWFLAKE_CONVERTERS = Set.of(
            "com.snowflake.kafka.connector.records.SnowflakeJsonConverter",
            "com.snowflake.kafka.connector.records.SnowflakeAvroConverter",
            "com.snowflake.kafka.connector.records.SnowflakeAvroConverterWithoutSchemaRegistry");

    @Test
    void snowflakeConfigHasEveryKeyTheConnectorRequiresForSnowpipeStreaming() throws IOException {
        JsonNode connector = JSON.readTree(RepoFiles.deploy().resolve("snowflake/connector_config.json").toFile());
        // The connector name becomes part of Snowflake object names: identifier characters only.
        assertThat(connector.path("name").asText()).matches("[A-Za-z0-9_]+");
        JsonNode config = connector.path("config");
        SNOWFLAKE_REQUIRED.forEach(key -> assertThat(config.path(key).asText()).as(key).isNotBlank());
        assertThat(config.path("connector.class").asText()).isEqualTo("com.snowflake.kafka.connector.SnowflakeSinkConnector");
        assertThat(config.path("snowflake.ingestion.method").asText()).isEqualTo("SNOWPIPE_STREAMING");
        assertThat(config.path("key.converter").asText()).isNotIn(SNOWFLAKE_CONVERTERS);
        assertThat(config.path("value.converter").asText()).isNotIn(SNOWFLAKE_CONVERTERS);
        assertThat(config.path("buffer.flush.time").asInt()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void snowflakeConfigLoadsStockTradesIntoTheRawTableOfTheDesign() throws IOException {
        JsonNode config = JSON.readTree(RepoFiles.deploy().resolve("snowflake/connector_config.json").toFile()).path("config");
        assertThat(config.path("topics").asText()).isEqualTo("stock_trades");
        assertThat(config.path("snowflake.topic2table.map").asText()).isEqualTo("stock_trades:STOCK_TRADES_RAW");
        assertThat(config.path("snowflake.database.name").asText()).isEqualTo("STREAMING_DB");
        assertThat(config.path("snowflake.schema.name").asText()).isEqualTo("PUBLIC");
        // Without schematization the table is RECORD_METADATA + RECORD_CONTENT, the shape the models read.
        assertThat(config.path("snowflake.enable.schematization").asText()).isEqualTo("false");
        assertThat(config.path("snowflake.private.key").asText()).isEqualTo("${SNOWFLAKE_PRIVATE_KEY}");
    }

    @Test
    void bootstrapCreatesWhatTheConnectorConfigAndTheProdProfileName() throws IOException {
        String sql = Files.readString(RepoFiles.deploy().resolve("snowflake/bootstrap.sql"));
        Map<String, String> env = EnvExample.variables();
        assertThat(sql).contains("CREATE DATABASE IF NOT EXISTS STREAMING_DB", "CREATE SCHEMA IF NOT EXISTS STREAMING_DB.PUBLIC",
                "CREATE WAREHOUSE IF NOT EXISTS " + env.get("SNOWFLAKE_WAREHOUSE"),
                "CREATE ROLE IF NOT EXISTS " + env.get("SNOWFLAKE_KAFKA_ROLE"),
                "CREATE ROLE IF NOT EXISTS " + env.get("SNOWFLAKE_DBT_ROLE"),
                "GRANT ROLE " + env.get("SNOWFLAKE_KAFKA_ROLE") + " TO USER " + env.get("SNOWFLAKE_KAFKA_USER"),
                "GRANT ROLE " + env.get("SNOWFLAKE_DBT_ROLE") + " TO USER " + env.get("SNOWFLAKE_DBT_USER"),
                "GRANT CREATE TABLE ON SCHEMA STREAMING_DB.PUBLIC TO ROLE " + env.get("SNOWFLAKE_KAFKA_ROLE"),
                "GRANT SELECT ON FUTURE TABLES IN SCHEMA STREAMING_DB.PUBLIC TO ROLE " + env.get("SNOWFLAKE_DBT_ROLE"));
        for (String user : List.of(env.get("SNOWFLAKE_KAFKA_USER"), env.get("SNOWFLAKE_DBT_USER"))) {
            int create = sql.indexOf("CREATE USER IF NOT EXISTS " + user);
            assertThat(create).as(user).isPositive();
            assertThat(sql.substring(create, sql.indexOf(';', create))).contains("RSA_PUBLIC_KEY = ", "TYPE = SERVICE");
        }
    }

    @Test
    void duckDbConfigPassesOurSinksValidation() throws IOException {
        Path file = RepoFiles.deploy().resolve("connect/duckdb_connector_config.json");
        assumeTrue(Files.isRegularFile(file), "deploy/connect/duckdb_connector_config.json is not there yet (issue 4 ships it)");
        JsonNode connector = JSON.readTree(file.toFile());
        JsonNode configNode = connector.has("config") ? connector.path("config") : connector;
        Map<String, String> config = new LinkedHashMap<>();
        configNode.fields().forEachRemaining(field -> config.put(field.getKey(), field.getValue().asText()));

        assertThat(config.get("connector.class")).isEqualTo(WarehouseSinkConnector.class.getName());
        Config validated = new WarehouseSinkConnector().validate(config);
        assertThat(validated.configValues()).allSatisfy(value ->
                assertThat(value.errorMessages()).as(value.name()).isEmpty());
        assertThat(validated.configValues()).extracting(ConfigValue::name).contains("warehouse.url");
    }
}
