package io.cryptopipe.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.runtime.SinkConnectorConfig;
import org.apache.kafka.connect.runtime.isolation.PluginDesc;
import org.apache.kafka.connect.runtime.isolation.PluginUtils;
import org.apache.kafka.connect.runtime.isolation.ServiceLoaderScanner;
import org.apache.kafka.connect.sink.SinkConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WarehouseSinkConnectorTest {

    @TempDir
    Path dir;

    /** What the embedded worker POSTs to /connectors (as "config"), apart from the file's path. */
    private Map<String, String> embeddedConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("name", "stock-trades-warehouse-sink");
        config.put("connector.class", "io.cryptopipe.sink.WarehouseSinkConnector");
        config.put("tasks.max", "1");
        config.put("topics", "stock_trades");
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", "stock_trades_dlq");
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        config.put("warehouse.url", new WarehouseFile(dir).url);
        config.put("warehouse.schema", "public");
        config.put("warehouse.table", "stock_trades_raw");
        config.put("buffer.count.records", "10000");
        config.put("buffer.flush.time", "1");
        return config;
    }

    @Test
    void acceptsTheEmbeddedWorkersConfig() {
        Map<String, String> config = embeddedConfig();

        assertThat(new WarehouseSinkConnector().validate(config).configValues())
                .allSatisfy(value -> assertThat(value.errorMessages()).as(value.name()).isEmpty());
        assertThat(SinkConnectorConfig.configDef().validate(config))
                .allSatisfy(value -> assertThat(value.errorMessages()).as(value.name()).isEmpty());
        SinkConnectorConfig.validate(config);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "warehouse.url|jdbc:postgresql://localhost/db|must be a DuckDB JDBC URL",
            "warehouse.url|jdbc:duckdb:|must name a database file",
            "warehouse.url|jdbc:duckdb::memory:|must name a database file",
            "warehouse.schema|public; DROP TABLE x|must be a plain SQL identifier",
            "warehouse.table|stock trades|must be a plain SQL identifier",
            "buffer.count.records|0|Value must be at least 1",
            "buffer.count.records|many|Not a number of type INT",
            "buffer.flush.time|-1|Value must be at least 0",
            "retry.backoff.ms|0|Value must be at least 1",
            "warehouse.topic2table.map|quotes|each entry must be topic:table",
            "warehouse.topic2table.map|quotes:raw table|each entry must be topic:table",
            "warehouse.topic2table.map|quotes:a,quotes:b|maps topic quotes twice"})
    void validateRejectsABadValueNamingItsKey(String key, String value, String reason) {
        Map<String, String> config = embeddedConfig();
        config.put(key, value);

        ConfigValue checked = valueOf(new WarehouseSinkConnector().validate(config).configValues(), key);

        assertThat(checked.errorMessages()).first().asString().contains(key).contains(reason);
    }

    @Test
    void validateRequiresTheWarehouseUrl() {
        Map<String, String> config = embeddedConfig();
        config.remove("warehouse.url");

        ConfigValue url = valueOf(new WarehouseSinkConnector().validate(config).configValues(), "warehouse.url");

        assertThat(url.errorMessages()).singleElement().asString().contains("Missing required configuration \"warehouse.url\"");
    }

    @Test
    void startRejectsABadValueNamingItsKey() {
        Map<String, String> config = embeddedConfig();
        config.put("buffer.flush.time", "soon");

        assertThatThrownBy(() -> new WarehouseSinkConnector().start(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("buffer.flush.time");
    }

    @Test
    void startCreatesTheTablesAndEveryTaskGetsTheConnectorsConfig() throws Exception {
        WarehouseSinkConnector connector = new WarehouseSinkConnector();
        Map<String, String> config = embeddedConfig();

        connector.start(config);
        List<Map<String, String>> tasks = connector.taskConfigs(3);
        connector.stop();

        assertThat(tasks).hasSize(3).allSatisfy(task -> assertThat(task).isEqualTo(config));
        assertThat(new WarehouseFile(dir).query("SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = 'public' ORDER BY table_name"))
                .containsExactly(List.of("cryptopipe_sink_offsets"), List.of("cryptopipe_sink_write_intents"),
                        List.of("stock_trades_raw"));
        assertThat(connector.taskClass()).isEqualTo(WarehouseSinkTask.class);
    }

    @Test
    void alterOffsetsChangesTheOffsetsTheTasksResumeFrom() throws Exception {
        WarehouseSinkConnector connector = new WarehouseSinkConnector();
        Map<String, String> config = embeddedConfig();
        connector.start(config);
        TopicPartition p0 = new TopicPartition("stock_trades", 0);
        TopicPartition p1 = new TopicPartition("stock_trades", 1);
        connector.alterOffsets(config, Map.of(p0, 40L, p1, 7L));
        Map<TopicPartition, Long> resetP1 = new HashMap<>();
        resetP1.put(p0, 42L);
        resetP1.put(p1, null);

        assertThat(connector.alterOffsets(config, resetP1)).isTrue();

        assertThat(new WarehouseFile(dir).storedOffsets()).isEqualTo(Map.of(p0, 42L));
    }

    @Test
    void javaServiceLoaderListsTheConnector() {
        assertThat(ServiceLoader.load(SinkConnector.class).stream().map(ServiceLoader.Provider::type))
                .contains(WarehouseSinkConnector.class);
    }

    @Test
    void connectsServiceLoadDiscoveryFindsTheConnectorWithItsVersion() {
        Set<PluginDesc<SinkConnector>> found = new ServiceLoaderScanner()
                .discoverPlugins(Set.of(PluginUtils.classpathPluginSource(getClass().getClassLoader())))
                .sinkConnectors();

        assertThat(found).filteredOn(plugin -> plugin.pluginClass() == WarehouseSinkConnector.class)
                .singleElement()
                .satisfies(plugin -> assertThat(plugin.version()).isEqualTo(new WarehouseSinkConnector().version()));
    }

    @Test
    void versionIsTheMavenProjectVersion() {
        assertThat(new WarehouseSinkConnector().version()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(new WarehouseSinkTask().version()).isEqualTo(new WarehouseSinkConnector().version());
    }

    private static ConfigValue valueOf(List<ConfigValue> values, String key) {
        return values.stream().filter(value -> value.name().equals(key)).findFirst().orElseThrow();
    }
}
