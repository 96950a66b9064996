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
 * <p>DuckDB's appender writes inside the connection's transaction only once the transaction has begun, that is once a
 * statement has run with auto-commit off; before that each of its flushes commits on its own. So every write reads
 * the stored offsets first and appends after: the rows and the offsets then commit or roll back together.
 * After a failure the connection is thrown away; the next call starts clean.
 */
final class DuckDbRawTable implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DuckDbRawTable.class);
    private final String url;
    private final String schema;
    private final String table;
    private final String qualifiedTable;
    private final OffsetsTable offsets;
    private Connection connection;

    DuckDbRawTable(String url, String schema, String table) {
        this.url = url;
        this.schema = schema;
        this.table = table;
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
            c.setAutoCommit(false);
            // Begins the transaction the appender below writes in. Snapshot isolation makes the check safe: a writer
            // committing the same offsets rows after this transaction began makes the upsert fail with a conflict.
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
            append(c, rows);
            offsets.upsert(c, nextOffsets);
        });
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
        });
    }

    @Override
    public void close() {
        discardConnection();
    }

    private interface TransactionBody<E extends Exception> {
        void run() throws SQLException, E;
    }

    private <E extends Exception> void commitOrDiscard(Connection c, TransactionBody<E> body)
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
        afterCommit(c);
    }

    /**
     * Once a transaction has committed nothing may report the write as failed, or its rows would be written
     * twice; a connection that cannot be tidied is replaced instead.
     */
    private void afterCommit(Connection c) {
        try {
            c.setAutoCommit(true);
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

    private void append(Connection c, List<RawRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (DuckDBAppender appender = c.unwrap(DuckDBConnection.class).createAppender(schema, table)) {
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
