package io.cryptopipe.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * The warehouse copy of the sink's progress, Snowflake's "offset token" idea: the next offset to load for every
 * partition of every raw table, written in the same transaction as the rows so the two can never disagree.
 */
final class OffsetsTable {

    static final String NAME = "cryptopipe_sink_offsets";

    private final String qualifiedName;
    private final String rawTable;

    /**
     * @param schema   schema holding both tables, a plain identifier
     * @param rawTable the raw table whose progress is kept; one offsets table serves every raw table of a schema
     */
    OffsetsTable(String schema, String rawTable) {
        this.qualifiedName = '"' + schema + "\"." + NAME;
        this.rawTable = rawTable;
    }

    void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + qualifiedName + " ("
                    + "table_name VARCHAR NOT NULL, topic VARCHAR NOT NULL, \"partition\" INTEGER NOT NULL, "
                    + "next_offset BIGINT NOT NULL, PRIMARY KEY (table_name, topic, \"partition\"))");
        }
    }

    Map<TopicPartition, Long> read(Connection connection) throws SQLException {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT topic, \"partition\", next_offset FROM " + qualifiedName + " WHERE table_name = ?")) {
            select.setString(1, rawTable);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    offsets.put(new TopicPartition(rows.getString(1), rows.getInt(2)), rows.getLong(3));
                }
            }
        }
        return offsets;
    }

    void upsert(Connection connection, Map<TopicPartition, Long> nextOffsets) throws SQLException {
        if (nextOffsets.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + qualifiedName
                + " (table_name, topic, \"partition\", next_offset) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (table_name, topic, \"partition\") DO UPDATE SET next_offset = excluded.next_offset")) {
            for (Map.Entry<TopicPartition, Long> offset : nextOffsets.entrySet()) {
                upsert.setString(1, rawTable);
                upsert.setString(2, offset.getKey().topic());
                upsert.setInt(3, offset.getKey().partition());
                upsert.setLong(4, offset.getValue());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    void delete(Connection connection, TopicPartition partition) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + qualifiedName
                + " WHERE table_name = ? AND topic = ? AND \"partition\" = ?")) {
            delete.setString(1, rawTable);
            delete.setString(2, partition.topic());
            delete.setInt(3, partition.partition());
            delete.executeUpdate();
        }
    }
}
