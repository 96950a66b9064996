package io.cryptopipe.sink;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/** The test's own view of the DuckDB file the sink writes, through a second connection as dbt would have. */
final class WarehouseFile {

    final String url;

    WarehouseFile(Path dir) {
        this.url = "jdbc:duckdb:" + dir.resolve("streaming_db.duckdb").toAbsolutePath();
    }

    void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    List<List<String>> query(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(sql)) {
            List<List<String>> result = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rows.getString(i));
                }
                result.add(row);
            }
            return result;
        }
    }

    /** "partition:offset" of every loaded row, in load order of offsets, duplicates kept. */
    List<String> loadedOffsets() throws SQLException {
        return query("SELECT (RECORD_METADATA->>'partition') || ':' || (RECORD_METADATA->>'offset') FROM "
                + "public.stock_trades_raw ORDER BY (RECORD_METADATA->>'partition')::INT, (RECORD_METADATA->>'offset')::BIGINT")
                .stream().map(row -> row.get(0)).toList();
    }

    Map<TopicPartition, Long> storedOffsets() throws SQLException {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (List<String> row : query("SELECT topic, \"partition\", next_offset FROM public.cryptopipe_sink_offsets"
                + " WHERE table_name = 'stock_trades_raw'")) {
            offsets.put(new TopicPartition(row.get(0), Integer.parseInt(row.get(1))), Long.parseLong(row.get(2)));
        }
        return offsets;
    }
}
