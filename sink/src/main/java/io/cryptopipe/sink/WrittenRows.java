package io.cryptopipe.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The rows of one write, found again in the raw table by the topic, partition and offset in their metadata.
 *
 * <p>They are looked for only from a row id on: the sink only ever appends to the raw table, so every row committed
 * after a transaction began has a row id at least the row count that transaction saw, which keeps the search to the
 * table's tail. Metadata that is not valid JSON matches nothing rather than failing the search.
 */
final class WrittenRows {

    private static final String TOPIC = "try(RECORD_METADATA->>'topic')";
    private static final String PARTITION = "try_cast(try(RECORD_METADATA->>'partition') AS INTEGER)";
    private static final String OFFSET = "try_cast(try(RECORD_METADATA->>'offset') AS BIGINT)";

    /** The offsets of one topic and partition, as written into the metadata, that the rows span. */
    record Span(String topic, int partition, long first, long last) {
    }

    /** What the table holds of the rows; all of them once each, with valid JSON, {@link #matches} the write. */
    record Found(long rows, long distinct, long invalidJson) {
    }

    private final String qualifiedTable;
    private final List<Span> spans;
    private final int count;
    private final long offsetSum;
    private final String where;

    static WrittenRows of(String qualifiedTable, List<RawRow> rows) {
        Map<String, Span> byPartition = new LinkedHashMap<>();
        long offsetSum = 0;
        for (RawRow row : rows) {
            byPartition.merge(row.topic() + '\0' + row.partition(),
                    new Span(row.topic(), row.partition(), row.offset(), row.offset()),
                    (a, b) -> new Span(a.topic(), a.partition(), Math.min(a.first(), b.first()), Math.max(a.last(), b.last())));
            offsetSum += row.offset();
        }
        return new WrittenRows(qualifiedTable, List.copyOf(byPartition.values()), rows.size(), offsetSum);
    }

    /** @param offsetSum the sum of the rows' metadata offsets, which tells a row lost and another doubled apart */
    WrittenRows(String qualifiedTable, List<Span> spans, int count, long offsetSum) {
        this.qualifiedTable = qualifiedTable;
        this.spans = List.copyOf(spans);
        this.count = count;
        this.offsetSum = offsetSum;
        StringJoiner any = new StringJoiner(" OR ", "rowid >= ? AND (", ")");
        spans.forEach(span -> any.add("(" + TOPIC + " = ? AND " + PARTITION + " = ? AND " + OFFSET + " BETWEEN ? AND ?)"));
        this.where = spans.isEmpty() ? "false" : any.toString();
    }

    List<Span> spans() {
        return spans;
    }

    int count() {
        return count;
    }

    long offsetSum() {
        return offsetSum;
    }

    boolean matches(Found found) {
        return found.rows() == count && found.distinct() == count && found.invalidJson() == 0;
    }

    /**
     * Looks first at the table's tail as a whole: with the sink the table's only writer (one task, as {@code up}
     * registers it), a tail of exactly as many rows as the write added, whose offsets add up to the write's and whose
     * values are all valid JSON, is the write's rows, and this costs a fraction of telling rows apart (DuckDB out of
     * memory has stored a write with some rows twice and others not at all, which a count alone would not see). Only
     * a tail that differs, or whose metadata cannot be read, is searched row by row, which also tells another
     * writer's rows from this write's.
     */
    Found find(Connection connection, long fromRowId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT count(*), sum((RECORD_METADATA->>'offset')"
                + "::BIGINT), count(*) FILTER (WHERE NOT json_valid(RECORD_CONTENT)) FROM " + qualifiedTable
                + " WHERE rowid >= ?")) {
            select.setLong(1, fromRowId);
            try (ResultSet result = select.executeQuery()) {
                result.next();
                if (result.getLong(1) == count && result.getLong(2) == offsetSum && result.getLong(3) == 0) {
                    return new Found(count, count, 0);
                }
            }
        } catch (SQLException unreadableMetadata) {
            // Searched row by row below, where metadata that is not JSON matches nothing.
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT count(*), count(DISTINCT (" + TOPIC + ", "
                + PARTITION + ", " + OFFSET + ")), count(*) FILTER (WHERE NOT json_valid(RECORD_CONTENT)) FROM "
                + qualifiedTable + " WHERE " + where)) {
            bind(select, fromRowId);
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return new Found(result.getLong(1), result.getLong(2), result.getLong(3));
            }
        }
    }

    /** Deletes whatever an earlier attempt of this write left in the table. */
    void delete(Connection connection, long fromRowId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + qualifiedTable + " WHERE " + where)) {
            bind(delete, fromRowId);
            delete.executeUpdate();
        }
    }

    private void bind(PreparedStatement statement, long fromRowId) throws SQLException {
        if (spans.isEmpty()) {
            return;
        }
        int i = 1;
        statement.setLong(i++, fromRowId);
        for (Span span : spans) {
            statement.setString(i++, span.topic());
            statement.setInt(i++, span.partition());
            statement.setLong(i++, span.first());
            statement.setLong(i++, span.last());
        }
    }
}
