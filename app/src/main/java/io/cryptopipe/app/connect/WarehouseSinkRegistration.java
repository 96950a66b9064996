package io.cryptopipe.app.connect;

import io.cryptopipe.app.warehouse.WarehouseFile;

import java.util.LinkedHashMap;
import java.util.Map;

/** The embedded pipeline's sink connector: the same JSON a user could POST to {@code /connectors}. */
public record WarehouseSinkRegistration(String topic, String dlqTopic, WarehouseFile warehouse) {
    public static final String NAME = "cryptopipe-warehouse-sink";
    public static final String RAW_TABLE = "stock_trades_raw";

    public String name() {
        return NAME;
    }

    public Map<String, String> config() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "io.cryptopipe.sink.WarehouseSinkConnector");
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        config.put("warehouse.url", warehouse.jdbcUrl());
        config.put("warehouse.schema", WarehouseFile.SCHEMA);
        config.put("warehouse.table", RAW_TABLE);
        config.put("buffer.count.records", "122880");
        config.put("buffer.flush.time", "0.1");
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", dlqTopic);
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        config.put("errors.log.enable", "true");
        return config;
    }
}
