package io.cryptopipe.sink;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The sink's own settings, validated once when the connector or a task starts. Buffer keys follow the names of
 * Snowflake's Kafka connector so a config written for one reads naturally for the other.
 */
public final class WarehouseSinkConfig extends AbstractConfig {

    public static final String WAREHOUSE_URL = "warehouse.url";
    public static final String WAREHOUSE_SCHEMA = "warehouse.schema";
    public static final String WAREHOUSE_TABLE = "warehouse.table";
    public static final String TOPIC_TO_TABLE_MAP = "warehouse.topic2table.map";
    public static final String BUFFER_COUNT_RECORDS = "buffer.count.records";
    public static final String BUFFER_FLUSH_TIME = "buffer.flush.time";
    /**
     * A tenth of a second keeps trade-to-row latency well under a second at steady rates (BENCHMARKS.md, sink).
     */
    static final double DEFAULT_BUFFER_FLUSH_TIME = 0.1;
    /**
     * Only a task working off a backlog fills its buffer (see {@link WarehouseSinkTask#CATCH_UP_LAG_MILLIS}). One
     * DuckDB row group exactly: DuckDB writes a transaction of whole row groups straight to the file, where a smaller
     * one goes through its write-ahead log and a checkpoint, and a partial row group written beside whole ones makes
     * the next checkpoint merge it (0.5-0.8 s instead of ~0.15 s after 1 M rows).
     */
    static final int DEFAULT_BUFFER_COUNT_RECORDS = 122_880;
    public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";

    public static final String DEFAULT_SCHEMA = "public";
    public static final String DEFAULT_TABLE = "stock_trades_raw";

    private static final String DUCKDB_URL_PREFIX = "jdbc:duckdb:";
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String GROUP = "Warehouse";
    private static final ConfigDef.Validator IDENTIFIER_VALIDATOR = ConfigDef.LambdaValidator.with(
            WarehouseSinkConfig::ensureIdentifier, () -> "SQL identifier matching " + IDENTIFIER.pattern());

    public WarehouseSinkConfig(Map<String, String> props) {
        super(configDef(), props);
    }

    public static ConfigDef configDef() {
        int order = 0;
        return new ConfigDef()
                .define(WAREHOUSE_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.LambdaValidator.with(WarehouseSinkConfig::ensureDuckDbFileUrl,
                                () -> "jdbc:duckdb:<file path>"),
                        Importance.HIGH, "JDBC URL of the DuckDB warehouse file, e.g. jdbc:duckdb:/abs/data/streaming_db.duckdb.",
                        GROUP, ++order, ConfigDef.Width.LONG, "Warehouse URL")
                .define(WAREHOUSE_SCHEMA, Type.STRING, DEFAULT_SCHEMA, IDENTIFIER_VALIDATOR,
                        Importance.MEDIUM, "Schema of the raw table and of the offsets table; created if missing.",
                        GROUP, ++order, ConfigDef.Width.SHORT, "Schema")
                .define(WAREHOUSE_TABLE, Type.STRING, DEFAULT_TABLE, IDENTIFIER_VALIDATOR,
                        Importance.MEDIUM, "Raw table (RECORD_METADATA JSON, RECORD_CONTENT JSON) of every topic not in "
                                + TOPIC_TO_TABLE_MAP + "; created if missing.",
                        GROUP, ++order, ConfigDef.Width.MEDIUM, "Table")
                .define(TOPIC_TO_TABLE_MAP, Type.LIST, "", ConfigDef.LambdaValidator.with(
                                WarehouseSinkConfig::ensureTopicTableMap, () -> "topic:table,topic:table"),
                        Importance.MEDIUM, "Tables of particular topics, as Snowflake's snowflake.topic2table.map: "
                                + "comma-separated topic:table pairs; other topics load into " + WAREHOUSE_TABLE + ".",
                        GROUP, ++order, ConfigDef.Width.LONG, "Topic to table map")
                .define(BUFFER_COUNT_RECORDS, Type.INT, DEFAULT_BUFFER_COUNT_RECORDS, ConfigDef.Range.atLeast(1),
                        Importance.MEDIUM, "Records buffered per task before they are written in one transaction. "
                                + "A task more than a second behind (its newest record produced over a second ago) "
                                + "fills its buffer to this count, for up to a second, instead of writing every "
                                + BUFFER_FLUSH_TIME + ".",
                        GROUP, ++order, ConfigDef.Width.SHORT, "Buffer records")
                .define(BUFFER_FLUSH_TIME, Type.DOUBLE, DEFAULT_BUFFER_FLUSH_TIME, ConfigDef.Range.atLeast(0),
                        Importance.MEDIUM, "Seconds the oldest buffered record may wait before the buffer is written "
                                + "(fractions allowed, e.g. 0.25; whole seconds as Snowflake's connector takes them "
                                + "work too); 0 writes on every put.",
                        GROUP, ++order, ConfigDef.Width.SHORT, "Buffer flush time (s)")
                .define(RETRY_BACKOFF_MS, Type.LONG, 1_000L, ConfigDef.Range.atLeast(1),
                        Importance.LOW, "Milliseconds to wait before retrying a write the warehouse refused.",
                        GROUP, ++order, ConfigDef.Width.SHORT, "Retry backoff (ms)");
    }

    public String url() {
        return getString(WAREHOUSE_URL);
    }

    public String schema() {
        return getString(WAREHOUSE_SCHEMA);
    }

    public String table() {
        return getString(WAREHOUSE_TABLE);
    }

    /** @return the raw table records of the topic load into */
    public String tableFor(String topic) {
        return topicTables().getOrDefault(topic, table());
    }

    /** @return every table this configuration can load into: the default table and every mapped one */
    public Set<String> tables() {
        Set<String> tables = new TreeSet<>(topicTables().values());
        tables.add(table());
        return tables;
    }

    private Map<String, String> topicTables() {
        Map<String, String> tables = new HashMap<>();
        for (String pair : getList(TOPIC_TO_TABLE_MAP)) {
            int colon = pair.indexOf(':');
            tables.put(pair.substring(0, colon).trim(), pair.substring(colon + 1).trim());
        }
        return tables;
    }

    public int bufferCountRecords() {
        return getInt(BUFFER_COUNT_RECORDS);
    }

    public Duration bufferFlushTime() {
        return Duration.ofMillis(Math.round(getDouble(BUFFER_FLUSH_TIME) * 1000));
    }

    public Duration retryBackoff() {
        return Duration.ofMillis(getLong(RETRY_BACKOFF_MS));
    }

    private static void ensureDuckDbFileUrl(String name, Object value) {
        if (value == null) {
            return; // ConfigDef itself reports the missing required value
        }
        String url = value.toString();
        if (!url.startsWith(DUCKDB_URL_PREFIX)) {
            throw new ConfigException(name, value, "must be a DuckDB JDBC URL such as jdbc:duckdb:/abs/data/streaming_db.duckdb");
        }
        String path = url.substring(DUCKDB_URL_PREFIX.length());
        // An in-memory database would accept every write and lose it when the task stops.
        if (path.isEmpty() || path.startsWith(":memory:")) {
            throw new ConfigException(name, value, "must name a database file, not an in-memory database");
        }
    }

    private static void ensureTopicTableMap(String name, Object value) {
        if (value == null) {
            return;
        }
        Set<String> topics = new HashSet<>();
        for (Object entry : (List<?>) value) {
            String pair = entry.toString();
            int colon = pair.indexOf(':');
            if (colon <= 0 || !IDENTIFIER.matcher(pair.substring(colon + 1).trim()).matches()) {
                throw new ConfigException(name, value, "each entry must be topic:table with a plain SQL identifier"
                        + " as the table, got \"" + pair + '"');
            }
            if (!topics.add(pair.substring(0, colon).trim())) {
                throw new ConfigException(name, value, "maps topic " + pair.substring(0, colon).trim() + " twice");
            }
        }
    }

    private static void ensureIdentifier(String name, Object value) {
        if (value == null || !IDENTIFIER.matcher(value.toString()).matches()) {
            throw new ConfigException(name, value, "must be a plain SQL identifier (letters, digits, underscore)");
        }
    }
}
