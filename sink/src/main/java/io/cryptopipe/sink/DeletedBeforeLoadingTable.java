package io.cryptopipe.sink;

import org.apache.kafka.common.TopicPartition;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Offset ranges Kafka's retention deleted before the sink loaded them: the stored offset was below the partition's
 * log start, and the consumer resumed from there. One row per range, so what was lost is counted, not only logged;
 * finding the same range again (a restart before the next write) adds nothing.
 */
final class DeletedBeforeLoadingTable {
    static final String NAME = "cryptopipe_sink_deleted_before_loading";

    private final String qualifiedName;
    private final String rawTable;

    DeletedBeforeLoadingTable(String schema, String rawTable) {
        this.qualifiedName = '"' + schema + "\"." + NAME;
        this.rawTable = rawTable;
    }

    void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + qualifiedName + " ("
                    + "table_name VARCHAR NOT NULL, topic VARCHAR NOT NULL, \"partition\" INTEGER NOT NULL, "
                    + "first_offset BIGINT NOT NULL, last_offset BIGINT NOT NULL, found_at TIMESTAMP NOT NULL, "
                    + "PRIMARY KEY (table_name, topic, \"partition\", first_offset))");
        }
    }

    /** Records offsets {@code first..last} of the partition; commits on its own. */
    void record(Connection connection, TopicPartition partition, long first, long last) throws SQLException {
        create(connection);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + qualifiedName
                + " VALUES (?, ?, ?, ?, ?, now()::timestamp) ON CONFLICT DO NOTHING")) {
            insert.setString(1, rawTable);
            insert.setString(2, partition.topic());
            insert.setInt(3, partition.partition());
            insert.setLong(4, first);
            insert.setLong(5, last);
            insert.executeUpdate();
        }
    }
}
