package io.cryptopipe.app.monitor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.TreeMap;

/**
 * The rows of an append-only table past a position, counted by 10 ms bucket of their lag ({@link GoldLag#BUCKET_MS}):
 * grouped by the warehouse, so that a measurement moves counts, not rows.
 *
 * @param counts     trades by bucket
 * @param highestRow the highest row position among them, or the position read from when there were none
 */
record LagBuckets(TreeMap<Long, Long> counts, long highestRow) {

    /**
     * @param lagMicros   SQL for each row's lag in microseconds
     * @param rowPosition SQL for the row's position, growing in commit order
     */
    static LagBuckets after(Connection connection, String table, String lagMicros, String rowPosition, long afterRow)
            throws SQLException {
        TreeMap<Long, Long> counts = new TreeMap<>();
        long highest = afterRow;
        try (PreparedStatement query = connection.prepareStatement("select greatest(0, (" + lagMicros + ") // "
                + GoldLag.BUCKET_MS * 1000 + ") as bucket, count(*), max(" + rowPosition + ") from " + table
                + " where " + rowPosition + " > ? group by 1")) {
            query.setLong(1, afterRow);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getLong(1), rs.getLong(2));
                    highest = Math.max(highest, rs.getLong(3));
                }
            }
        }
        return new LagBuckets(counts, highest);
    }
}
