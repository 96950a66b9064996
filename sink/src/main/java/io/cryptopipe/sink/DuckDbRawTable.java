package io.cryptopipe.sink;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.common.TopicPartition;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The raw table and its offsets in one DuckDB file, behind one connection.
 *
 * <p>A DuckDB appender ignores the connection's transaction (its rows survive a rollback), so rows are appended
 * to a connection-local temp table first and then moved, together with the offsets, in one short transaction.
 * After a failure the connection is thrown away, which also drops the stage; the next call starts clean.
 */
final class DuckDbRawTable implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DuckDbRawTable.class);
    private static final String STAGE = "cryptopipe_sink_stage";

    private final String url;
    private final String schema;
    private final String qualifiedTable;
    private final OffsetsTable offsets;
    private Connection connection;

    DuckDbRawTable(String url, String schema, String table) {
        this.url = url;
        this.schema = schema;
        this.qualifiedTable = '"' + schema + "\".\"" + table + '"';
        this.offsets = new OffsetsTable(schema, table);
    }

    String qualifiedTable() {
        return qualifiedTable;
    }

    /** Creates the schema, the raw table and the offsets table if they are missing. */
    void ensureCreated() throws SQLException {
        connection();
    }

    /** @return the stored next offset of each given partition that has one */
    Map<TopicPartition, Long> storedOffsets(Collection<TopicPartition> partitions) throws SQLException {
        Map<TopicPartition, Long> stored;
        try {
            stored = new HashMap<>(offsets.read(connection()));
        } catch (SQLException | RuntimeException e) {
            discardConnection();
            throw e;
        }
        stored.keySet().retainAll(partitions);
        return stored;
    }

    /**
     * Adds the rows and moves the partitions' next offsets in one transaction: all of it commits, or none.
     * The offsets move only from where this writer left them, so two writers of one partition never both load it.
     *
     * @param expected the next offset this writer last committed per partition; a missing key means none yet
     * @throws OffsetsMovedException if a partition's stored offset is not the expected one; nothing was committed
     * @throws SQLException          only if nothing was committed
     */
    void write(List<RawRow> rows, Map<TopicPartition, Long> expected, Map<TopicPartition, Long> nextOffsets)
            throws SQLException, OffsetsMovedException {
        Connection c = connection();
        commitOrDiscard(c, () -> {
            stage(c, rows);
            c.setAutoCommit(false);
            // Snapshot isolation makes this check safe: a writer committing the same offsets rows after this
            // transaction began makes the upsert below fail with a write-write conflict.
            Map<TopicPartition, Long> stored = offsets.read(c);
            Map<TopicPartition, Long> moved = new HashMap<>();
            for (TopicPartition partition : nextOffsets.keySet()) {
                if (!Objects.equals(stored.get(partition), expected.get(partition))) {
                    moved.put(partition, stored.get(partition));
                }
            }
            if (!moved.isEmpty()) {
                throw new OffsetsMovedException(moved);
            }
            if (!rows.isEmpty()) {
                try (Statement insert = c.createStatement()) {
                    insert.execute("INSERT INTO " + qualifiedTable + " (RECORD_METADATA, RECORD_CONTENT)"
                            + " SELECT metadata, content FROM temp.main." + STAGE);
                }
            }
            offsets.upsert(c, nextOffsets);
        }, "TRUNCATE temp.main." + STAGE);
    }

    /** Sets (or, for a null offset, forgets) stored offsets, as Connect's offsets REST API asks. */
    void replaceOffsets(Map<TopicPartition, Long> nextOffsets) throws SQLException {
        Connection c = connection();
        commitOrDiscard(c, () -> {
            c.setAutoCommit(false);
            Map<TopicPartition, Long> kept = new HashMap<>();
            for (Map.Entry<TopicPartition, Long> offset : nextOffsets.entrySet()) {
                if (offset.getValue() == null) {
                    offsets.delete(c, offset.getKey());
                } else {
                    kept.put(offset.getKey(), offset.getValue());
                }
            }
            offsets.upsert(c, kept);
        }, null);
    }

    @Override
    public void close() {
        discardConnection();
    }

    private interface TransactionBody<E extends Exception> {
        void run() throws SQLException, E;
    }

    /** @param tidySql run after the commit to leave the connection ready for the next call; may be null */
    private <E extends Exception> void commitOrDiscard(Connection c, TransactionBody<E> body, String tidySql)
            throws SQLException, E {
        try {
            body.run();
            c.commit();
        } catch (Exception e) {
            try {
                c.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            discardConnection();
            throw e;
        }
        afterCommit(c, tidySql);
    }

    /**
     * Once a transaction has committed nothing may report the write as failed, or its rows would be written
     * twice; a connection that cannot be tidied is replaced instead.
     */
    private void afterCommit(Connection c, String tidySql) {
        try {
            c.setAutoCommit(true);
            if (tidySql != null) {
                try (Statement tidy = c.createStatement()) {
                    tidy.execute(tidySql);
                }
            }
        } catch (SQLException e) {
            log.warn("Replacing the connection to {} after a committed write: {}", url, e.getMessage());
            discardConnection();
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Connection opened = DriverManager.getConnection(url);
            try (Statement ddl = opened.createStatement()) {
                ddl.execute("CREATE SCHEMA IF NOT EXISTS \"" + schema + '"');
                ddl.execute("CREATE TABLE IF NOT EXISTS " + qualifiedTable + " (RECORD_METADATA JSON, RECORD_CONTENT JSON)");
                offsets.create(opened);
                ddl.execute("CREATE TEMP TABLE " + STAGE + " (metadata VARCHAR, content VARCHAR)");
            } catch (SQLException e) {
                try {
                    opened.close();
                } catch (SQLException closeFailure) {
                    e.addSuppressed(closeFailure);
                }
                throw e;
            }
            connection = opened;
        }
        return connection;
    }

    private static void stage(Connection c, List<RawRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (DuckDBAppender appender = c.unwrap(DuckDBConnection.class).createAppender("temp", "main", STAGE)) {
            for (RawRow row : rows) {
                appender.beginRow().append(row.metadata()).append(row.content()).endRow();
            }
        }
    }

    private void discardConnection() {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("Closing a discarded connection to {} failed", url, e);
        }
        connection = null;
    }
}
