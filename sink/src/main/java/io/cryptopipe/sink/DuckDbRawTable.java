package io.cryptopipe.sink;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

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
 *
 * <p>A write is confirmed after its commit by finding its rows and offsets again, because out of memory DuckDB's
 * commit is not atomic (1.4.4 to 2.0.0.1, BENCHMARKS.md, sink): a commit can return without its rows, store some
 * twice and others not, or throw after committing them. An unconfirmed write is retried from where its first
 * attempt began: the retry looks for what that attempt left and adds only what is missing, or replaces it all, in
 * one transaction, so the table ends up with each row once. Each attempt's {@link WriteIntent} is committed first,
 * so that a writer that stops or dies before the retry leaves the next one what it needs to do the same.
 */
final class DuckDbRawTable implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DuckDbRawTable.class);
    private final String url;
    private final String schema;
    private final String table;
    private final String qualifiedTable;
    private final OffsetsTable offsets;
    private final ConnectionSource connections;
    private final WriteIntentTable intents;
    private final String writer = UUID.randomUUID().toString();
    private Connection connection;
    /** The intent of the last write this writer confirmed: an intent that is neither it nor ours needs resolving. */
    private WriteIntent confirmed;

    /** Where connections come from; tests wrap them to play the part of a faulty database. */
    interface ConnectionSource {
        Connection open() throws SQLException;
    }

    DuckDbRawTable(String url, String schema, String table) {
        this(url, () -> DriverManager.getConnection(url), schema, table);
    }

    DuckDbRawTable(String url, ConnectionSource connections, String schema, String table) {
        this.url = url;
        this.connections = connections;
        this.schema = schema;
        this.table = table;
        this.qualifiedTable = '"' + schema + "\".\"" + table + '"';
        this.offsets = new OffsetsTable(schema, table);
        this.intents = new WriteIntentTable(schema, table);
    }

    String qualifiedTable() {
        return qualifiedTable;
    }

    /** Creates the schema, the raw table and the offsets table if they are missing. */
    void ensureCreated() throws SQLException {
        connection();
    }

    /**
     * Resolves the last write's intent first: a write the last writer could not confirm, because it stopped or
     * crashed, is kept if it committed whole and undone otherwise, so that its records are read again.
     *
     * @return the stored next offset of each given partition that has one
     */
    Map<TopicPartition, Long> storedOffsets(Collection<TopicPartition> partitions) throws SQLException {
        Map<TopicPartition, Long> stored;
        try {
            Connection c = connection();
            WriteIntent last = intents.read(c);
            if (last != null) {
                resolve(c, last);
            }
            confirmed = null;
            stored = new HashMap<>(offsets.read(c));
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
     * @throws OffsetsMovedException  if a partition's stored offset is not the expected one; nothing was committed
     * @throws UnconfirmedWriteException if the commit may have left the table without some of the rows, or with the
     *                                offsets moved; retrying the write with the same expected offsets puts it right
     * @throws SQLException           otherwise only if nothing was committed
     */
    void write(List<RawRow> rows, Map<TopicPartition, Long> expected, Map<TopicPartition, Long> nextOffsets)
            throws SQLException, OffsetsMovedException {
        WrittenRows written = WrittenRows.of(qualifiedTable, rows);
        Connection c = connection();
        WriteIntent earlier = earlierAttempt(c, expected, nextOffsets);
        WriteIntent intent = commitOrDiscard(c, () -> {
            c.setAutoCommit(false);
            WriteIntent next = WriteIntent.of(writer, earlier == null ? nextRowId(c) : earlier.fromRowId(), written, expected,
                    nextOffsets);
            intents.upsert(c, next);
            return next;
        });
        commitOrDiscard(c, () -> {
            c.setAutoCommit(false);
            // Begins the transaction the appender below writes in. Snapshot isolation makes the check safe: a writer
            // committing the same offsets rows after this transaction began makes the upsert fail with a conflict.
            Map<TopicPartition, Long> stored = offsets.read(c);
            Map<TopicPartition, Long> moved = new HashMap<>();
            for (TopicPartition partition : nextOffsets.keySet()) {
                Long now = stored.get(partition);
                if (!Objects.equals(now, expected.get(partition))
                        && (earlier == null || !Objects.equals(now, earlier.nextOffsets().get(partition)))) {
                    moved.put(partition, now);
                }
            }
            if (!moved.isEmpty()) {
                throw new OffsetsMovedException(moved);
            }
            append(c, earlier == null ? rows : rowsNotYetIn(c, earlier, stored, rows, written));
            offsets.upsert(c, nextOffsets);
            return null;
        });
        confirm(written, intent);
        confirmed = intent;
    }

    /**
     * @return the intent of an unconfirmed attempt of this very batch, or null; an intent left by another write is
     *         resolved on the way
     */
    private WriteIntent earlierAttempt(Connection c, Map<TopicPartition, Long> expected,
                                       Map<TopicPartition, Long> nextOffsets) throws SQLException {
        WriteIntent last;
        try {
            last = intents.read(c);
        } catch (SQLException e) {
            discardConnection();
            throw e;
        }
        if (last == null || last.equals(confirmed)) {
            return null;
        }
        if (last.isEarlierAttemptOf(writer, expected, nextOffsets)) {
            return last;
        }
        resolve(c, last);
        return null;
    }

    /**
     * Keeps the intent's write if it committed whole; otherwise deletes what it left and, where its offsets moved,
     * moves them back, so that its records are read again. Offsets moved by someone else are left alone.
     */
    private void resolve(Connection c, WriteIntent intent) throws SQLException {
        commitOrDiscard(c, () -> {
            c.setAutoCommit(false);
            Map<TopicPartition, Long> stored = offsets.read(c);
            WrittenRows rows = intent.rows(qualifiedTable);
            WrittenRows.Found found = rows.find(c, intent.fromRowId());
            Map<TopicPartition, Long> moved = new HashMap<>(intent.nextOffsets());
            moved.entrySet().removeIf(next -> !next.getValue().equals(stored.get(next.getKey())));
            boolean whole = moved.equals(intent.nextOffsets()) && rows.matches(found);
            if (!whole) {
                if (found.rows() > 0) {
                    rows.delete(c, intent.fromRowId());
                }
                Map<TopicPartition, Long> back = new HashMap<>();
                moved.keySet().forEach(partition -> back.put(partition, intent.expectedOffsets().get(partition)));
                replace(c, back);
                log.warn("Undid a write to {} that was not confirmed ({} of its {} rows found, next offsets {} of {}):"
                        + " its records are loaded again from offsets {}", qualifiedTable, found.rows(),
                        intent.rowCount(), stored, intent.nextOffsets(), intent.expectedOffsets());
            }
            intents.delete(c);
            return null;
        });
    }

    /**
     * What a retry still has to append after an unconfirmed attempt: only the rows that joined the batch since, if
     * that attempt committed whole; otherwise all of them, once whatever it left is deleted. DuckDB out of memory
     * has been seen to leave rows it could not delete afterwards, so a delete is kept to the case that needs it.
     */
    private List<RawRow> rowsNotYetIn(Connection c, WriteIntent earlier, Map<TopicPartition, Long> stored,
                                      List<RawRow> rows, WrittenRows written) throws SQLException {
        WrittenRows earlierRows = earlier.rows(qualifiedTable);
        WrittenRows.Found found = earlierRows.find(c, earlier.fromRowId());
        boolean committed = earlier.nextOffsets().entrySet().stream()
                .allMatch(offset -> offset.getValue().equals(stored.get(offset.getKey())));
        if (committed && earlierRows.matches(found)) {
            return rows.subList(earlier.rowCount(), rows.size());
        }
        if (found.rows() > 0) {
            written.delete(c, earlier.fromRowId());
        }
        return rows;
    }

    private void confirm(WrittenRows written, WriteIntent intent) throws UnconfirmedWriteException {
        WrittenRows.Found found;
        Map<TopicPartition, Long> stored;
        Connection c;
        try {
            c = connection();
            c.setAutoCommit(false);
            found = written.find(c, intent.fromRowId());
            stored = offsets.read(c);
            c.commit();
            c.setAutoCommit(true);
        } catch (SQLException e) {
            discardConnection();
            throw new UnconfirmedWriteException("the commit of " + written.count() + " rows to " + qualifiedTable
                    + " returned, but reading them back failed: " + e.getMessage(), e);
        }
        Map<TopicPartition, Long> next = intent.nextOffsets();
        stored.keySet().retainAll(next.keySet());
        List<String> wrong = new ArrayList<>();
        if (!written.matches(found)) {
            wrong.add("the table holds " + found.rows() + " of them (" + found.distinct() + " distinct, "
                    + found.invalidJson() + " not valid JSON)");
        }
        if (!stored.equals(next)) {
            wrong.add("the next offsets are " + stored + " instead of " + next);
        }
        if (!wrong.isEmpty()) {
            throw new UnconfirmedWriteException("the commit of " + written.count() + " rows to " + qualifiedTable
                    + " returned, but " + String.join(" and ", wrong));
        }
    }

    /** Records that Kafka deleted offsets {@code first..last} of the partition before they were loaded. */
    void recordDeletedBeforeLoading(TopicPartition partition, long first, long last) throws SQLException {
        Connection c = connection();
        new DeletedBeforeLoadingTable(schema, table).record(c, partition, first, last);
    }

    /** Sets (or, for a null offset, forgets) stored offsets, as Connect's offsets REST API asks. */
    void replaceOffsets(Map<TopicPartition, Long> nextOffsets) throws SQLException {
        Connection c = connection();
        commitOrDiscard(c, () -> {
            c.setAutoCommit(false);
            replace(c, nextOffsets);
            // The last write's intent speaks of offsets that no longer hold.
            intents.delete(c);
            return null;
        });
        confirmed = null;
    }

    private void replace(Connection c, Map<TopicPartition, Long> nextOffsets) throws SQLException {
        Map<TopicPartition, Long> kept = new HashMap<>();
        for (Map.Entry<TopicPartition, Long> offset : nextOffsets.entrySet()) {
            if (offset.getValue() == null) {
                offsets.delete(c, offset.getKey());
            } else {
                kept.put(offset.getKey(), offset.getValue());
            }
        }
        offsets.upsert(c, kept);
    }

    @Override
    public void close() {
        discardConnection();
    }

    private interface TransactionBody<T, E extends Exception> {
        T run() throws SQLException, E;
    }

    private <T, E extends Exception> T commitOrDiscard(Connection c, TransactionBody<T, E> body)
            throws SQLException, E {
        T result;
        try {
            result = body.run();
        } catch (Exception e) {
            rollbackAndDiscard(c, e);
            throw e;
        }
        try {
            c.commit();
        } catch (SQLException e) {
            rollbackAndDiscard(c, e);
            throw new UnconfirmedWriteException("committing to " + qualifiedTable + " failed, and out of memory DuckDB "
                    + "may have committed all the same: " + e.getMessage(), e);
        }
        afterCommit(c);
        return result;
    }

    private void rollbackAndDiscard(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
        discardConnection();
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
            Connection opened = connections.open();
            try (Statement ddl = opened.createStatement()) {
                ddl.execute("CREATE SCHEMA IF NOT EXISTS \"" + schema + '"');
                ddl.execute("CREATE TABLE IF NOT EXISTS " + qualifiedTable + " (RECORD_METADATA JSON, RECORD_CONTENT JSON)");
                offsets.create(opened);
                intents.create(opened);
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

    /**
     * Where the next appended row goes: past the table's last row id. Not its row count: raw retention deletes the
     * oldest rows, and a count would then point far back into the table, so that every confirmation searched it.
     */
    private long nextRowId(Connection c) throws SQLException {
        try (Statement count = c.createStatement();
             ResultSet result = count.executeQuery("SELECT coalesce(max(rowid) + 1, 0) FROM " + qualifiedTable)) {
            result.next();
            return result.getLong(1);
        }
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
