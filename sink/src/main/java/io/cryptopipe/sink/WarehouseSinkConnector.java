package io.cryptopipe.sink;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Kafka Connect sink loading topics into a DuckDB raw table shaped like Snowflake's Kafka connector's, with
 * exactly-once effect. Found by {@code plugin.discovery=service_load} through META-INF/services.
 */
public class WarehouseSinkConnector extends SinkConnector {

    private Map<String, String> props;

    @Override
    public String version() {
        return SinkVersion.current();
    }

    /** Creates the tables once here so several tasks starting together never race to create them. */
    @Override
    public void start(Map<String, String> props) {
        WarehouseSinkConfig config = new WarehouseSinkConfig(props);
        for (String tableName : config.tables()) {
            try (DuckDbRawTable table = new DuckDbRawTable(config.url(), config.schema(), tableName)) {
                table.ensureCreated();
            } catch (SQLException e) {
                throw new ConnectException("cannot prepare " + config.schema() + "." + tableName + " in "
                        + config.url() + ": " + e.getMessage(), e);
            }
        }
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return WarehouseSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            configs.add(new HashMap<>(props));
        }
        return configs;
    }

    @Override
    public void stop() {
        props = null;
    }

    @Override
    public ConfigDef config() {
        return WarehouseSinkConfig.configDef();
    }

    /**
     * Tasks resume from the offsets stored in the warehouse, so Connect's offsets REST API must change those
     * too; changing only the consumer group's offsets would have no effect.
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<TopicPartition, Long> offsets) {
        WarehouseSinkConfig config = new WarehouseSinkConfig(connectorConfig);
        Map<String, Map<TopicPartition, Long>> byTable = new HashMap<>();
        offsets.forEach((partition, offset) ->
                byTable.computeIfAbsent(config.tableFor(partition.topic()), t -> new HashMap<>()).put(partition, offset));
        for (Map.Entry<String, Map<TopicPartition, Long>> tableOffsets : byTable.entrySet()) {
            try (DuckDbRawTable table = new DuckDbRawTable(config.url(), config.schema(), tableOffsets.getKey())) {
                table.replaceOffsets(tableOffsets.getValue());
            } catch (SQLException e) {
                throw new ConnectException("cannot change the offsets stored in " + config.url() + ": " + e.getMessage(), e);
            }
        }
        return true;
    }
}
