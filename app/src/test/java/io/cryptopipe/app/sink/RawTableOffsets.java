package io.cryptopipe.app.sink;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The (partition, offset) of every row in a raw table, read from RECORD_METADATA, as "partition:offset" strings. */
public final class RawTableOffsets {
    private RawTableOffsets() {
    }

    public static List<String> loaded(String jdbcUrl, String topic) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select cast(RECORD_METADATA->>'partition' as integer) p,"
                     + " cast(RECORD_METADATA->>'offset' as bigint) o from public.stock_trades_raw"
                     + " where RECORD_METADATA->>'topic' = '" + topic + "' order by p, o")) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + ":" + rs.getLong(2));
            }
        }
        return rows;
    }

    /** @return every offset below each partition's end, in the same shape and order as {@link #loaded} */
    public static List<String> expected(Map<Integer, Long> endOffsets) {
        List<String> rows = new ArrayList<>();
        endOffsets.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(end -> {
            for (long offset = 0; offset < end.getValue(); offset++) {
                rows.add(end.getKey() + ":" + offset);
            }
        });
        return rows;
    }
}
